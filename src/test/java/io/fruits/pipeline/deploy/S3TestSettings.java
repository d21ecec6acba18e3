package io.fruits.pipeline.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the S3 ITs share: S3A configured as EMR's core-site and mapred-site plus what only a fake
 * server on 127.0.0.1 needs, written the way a user passes it ({@code -conf FILE}); a plain SDK
 * client for set-up and checks; uploads through S3A's own output stream.
 */
final class S3TestSettings {

  private S3TestSettings() {}

  /** EMR's core-site and mapred-site, plus the fake server's endpoint and credentials. */
  static Configuration s3a(EmrConfigurations emr, URI endpoint, Path temp) {
    Configuration s3a = new Configuration(false);
    emr.get("core-site").forEach(s3a::set);
    emr.get("mapred-site").forEach(s3a::set);
    s3a.set("fs.s3a.endpoint", endpoint.toString());
    s3a.set("fs.s3a.endpoint.region", "us-east-1");
    s3a.setBoolean("fs.s3a.path.style.access", true);
    s3a.setBoolean("fs.s3a.connection.ssl.enabled", false);
    s3a.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s3a.set("fs.s3a.access.key", S3ProxyProcess.ACCESS_KEY);
    s3a.set("fs.s3a.secret.key", S3ProxyProcess.SECRET_KEY);
    s3a.set("fs.s3a.buffer.dir", temp.resolve("s3a-buffer").toString());
    s3a.set("hadoop.tmp.dir", temp.resolve("hadoop-tmp").toString());
    return s3a;
  }

  /** Writes {@code settings} as a Hadoop site file for {@code -conf}. */
  static Path siteFile(Configuration settings, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      settings.writeXml(out);
    }
    return file;
  }

  /**
   * Creates {@code bucket} on the server at {@code endpoint} and writes the S3A settings for it to
   * {@code siteFile}; returns Hadoop's defaults plus that file, as a user's {@code -conf} gives.
   */
  static Configuration createBucket(URI endpoint, String bucket, Path temp, Path siteFile) throws IOException {
    // Nothing may reach for EC2 instance metadata: the only credentials are the fake server's.
    System.setProperty("aws.disableEc2Metadata", "true");
    siteFile(s3a(EmrConfigurations.load(), endpoint, temp), siteFile);
    try (S3Client s3 = client(endpoint)) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    Configuration conf = new Configuration();
    conf.addResource(new org.apache.hadoop.fs.Path(siteFile.toUri()));
    return conf;
  }

  static S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)))
        .build();
  }

  /**
   * Writes through S3A's output stream rather than {@code copyFromLocalFile}: that one goes through
   * the SDK's transfer manager, whose trailing-checksum uploads S3Proxy rejects.
   */
  static void upload(FileSystem fs, Path local, org.apache.hadoop.fs.Path target) throws IOException {
    try (OutputStream out = fs.create(target)) {
      Files.copy(local, out);
    }
  }
}
