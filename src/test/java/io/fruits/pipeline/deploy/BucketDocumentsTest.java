package io.fruits.pipeline.deploy;

import static io.fruits.pipeline.deploy.PolicyJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bucket documents in conf/s3 that emr-setup-bucket.sh applies. The policies only deny, each
 * statement under a condition on exactly what it is about (no TLS, another encryption header,
 * another KMS key, a customer key), so what the pipeline sends (S3A's settings from
 * conf/emr/configurations.json, the AWS CLI's {@code --sse} uploads) passes; the lifecycle rule
 * only aborts stale uploads and never expires an object.
 */
class BucketDocumentsTest {

  private static final Path S3 = ProjectFiles.conf().resolve("s3");
  private static final String BUCKET_ARN = "arn:aws:s3:::__BUCKET__";
  private static final String SSE_HEADER = "s3:x-amz-server-side-encryption";
  private static final String KMS_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  private static final String SSE_C_HEADER = "s3:x-amz-server-side-encryption-customer-algorithm";

  @Test
  void theSseS3PolicyAllowsWhatS3aAndTheUploadsSend() throws Exception {
    JsonNode policy = read("bucket-policy-sse-s3.json");
    assertDenyOnlyWithTlsStatement(policy);
    // S3A names SSE-S3 by the header's own value; the upload script sends --sse AES256.
    String s3aAlgorithm = EmrConfigurations.load().get("core-site").get("fs.s3a.encryption.algorithm");
    assertEquals("AES256", s3aAlgorithm);
    assertEquals(List.of(
            "DenyRequestsWithoutTls",
            "onlyIfPresent " + SSE_HEADER + " != " + s3aAlgorithm,
            "whenPresent " + SSE_C_HEADER),
        uploadConditions(policy));
  }

  @Test
  void theSseKmsPolicyAllowsOnlyTheProjectKey() throws Exception {
    JsonNode policy = read("bucket-policy-sse-kms.json");
    assertDenyOnlyWithTlsStatement(policy);
    assertEquals(List.of(
            "DenyRequestsWithoutTls",
            "onlyIfPresent " + SSE_HEADER + " != aws:kms",
            "onlyIfPresent " + KMS_KEY_HEADER + " != __KMS_KEY_ARN__",
            "whenPresent " + SSE_C_HEADER),
        uploadConditions(policy));
    JsonNode encryption = read("bucket-encryption-sse-kms.json");
    assertEquals(1, encryption.path("Rules").size());
    assertEquals("aws:kms", encryption.at("/Rules/0/ApplyServerSideEncryptionByDefault/SSEAlgorithm").asText());
    assertEquals("__KMS_KEY_ARN__", encryption.at("/Rules/0/ApplyServerSideEncryptionByDefault/KMSMasterKeyID").asText());
  }

  @Test
  void theLifecycleRuleAbortsStaleUploadsUnderThePrefixAndDeletesNothing() throws Exception {
    JsonNode lifecycle = read("lifecycle.json");
    assertEquals(1, lifecycle.path("Rules").size());
    JsonNode rule = lifecycle.path("Rules").get(0);
    assertEquals("Enabled", rule.path("Status").asText());
    assertEquals("__PREFIX__/", rule.at("/Filter/Prefix").asText());
    assertEquals(7, rule.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt());
    List<String> fields = new ArrayList<>();
    rule.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("ID", "Status", "Filter", "AbortIncompleteMultipartUpload"), fields,
        "no Expiration, Transition or NoncurrentVersionExpiration: the rule must not touch objects");
  }

  /**
   * Every statement denies, to everyone, under a condition, on the bucket and its objects only;
   * the one statement with a wildcard action is the TLS one, and it covers both.
   */
  private static void assertDenyOnlyWithTlsStatement(JsonNode policy) {
    assertEquals("2012-10-17", policy.path("Version").asText());
    int tls = 0;
    for (JsonNode statement : policy.path("Statement")) {
      String where = statement.path("Sid").asText();
      assertEquals("Deny", statement.path("Effect").asText(), where);
      assertEquals("*", statement.path("Principal").asText(), where);
      assertFalse(statement.path("Condition").isEmpty(), where + ": an unconditional deny would lock everyone out");
      for (String resource : strings(statement.path("Resource"))) {
        assertTrue(resource.equals(BUCKET_ARN) || resource.equals(BUCKET_ARN + "/*"), where + ": " + resource);
      }
      if (statement.at("/Condition/Bool/aws:SecureTransport").isTextual()) {
        tls++;
        assertEquals("false", statement.at("/Condition/Bool/aws:SecureTransport").asText(), where);
        assertEquals(1, statement.path("Condition").size(), where);
        assertEquals(List.of("s3:*"), strings(statement.path("Action")), where);
        assertEquals(List.of(BUCKET_ARN, BUCKET_ARN + "/*"), strings(statement.path("Resource")), where);
      } else {
        assertEquals(List.of("s3:PutObject"), strings(statement.path("Action")), where);
        assertEquals(List.of(BUCKET_ARN + "/*"), strings(statement.path("Resource")), where);
      }
    }
    assertEquals(1, tls, "one statement denies requests without TLS");
  }

  /**
   * Each statement's condition in short: a deny on a header's value that applies only when the
   * header is present (Null false + StringNotEquals on the same key), so uploads naming no
   * encryption get the bucket default; or a deny whenever a header is present.
   */
  private static List<String> uploadConditions(JsonNode policy) {
    List<String> conditions = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      JsonNode condition = statement.path("Condition");
      if (condition.has("Bool")) {
        conditions.add(statement.path("Sid").asText());
        continue;
      }
      JsonNode isNull = condition.path("Null");
      assertEquals(1, isNull.size(), statement.toString());
      String key = isNull.fieldNames().next();
      assertEquals("false", isNull.path(key).asText(), statement.toString());
      JsonNode notEquals = condition.path("StringNotEquals");
      if (notEquals.isMissingNode()) {
        assertEquals(1, condition.size(), statement.toString());
        conditions.add("whenPresent " + key);
      } else {
        assertEquals(2, condition.size(), statement.toString());
        assertEquals(List.of(key), fieldNames(notEquals), "the value condition must be on the header tested present");
        conditions.add("onlyIfPresent " + key + " != " + notEquals.path(key).asText());
      }
    }
    return conditions;
  }

  private static JsonNode read(String name) throws Exception {
    return new ObjectMapper().readTree(S3.resolve(name).toFile());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
