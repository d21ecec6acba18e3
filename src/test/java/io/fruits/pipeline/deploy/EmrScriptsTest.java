package io.fruits.pipeline.deploy;

import static io.fruits.pipeline.deploy.FakeAws.find;
import static io.fruits.pipeline.deploy.FakeAws.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fruits.pipeline.cli.RunArguments;
import io.fruits.pipeline.embed.EmbedKeys;
import io.fruits.pipeline.pca.PcaKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.GenericOptionsParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts/emr-*.sh deployment scripts, run with a fake {@code aws} on PATH that records its
 * calls: what they ask AWS for, that {@code --dry-run} prints exactly the commands a real run
 * makes (each printed line, run by bash, makes the same call) without calling aws, and that
 * mistakes are refused with exit code 2 before any call.
 */
class EmrScriptsTest {

  private static final String BUCKET = "fruits-test-bucket";
  private static final String PREFIX = "team/fruits";
  private static final String ROOT = "s3://" + BUCKET + "/" + PREFIX + "/";
  private static final String[] LOCATION = {"--bucket", BUCKET, "--prefix", PREFIX, "--region", "us-east-1"};
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private FakeAws aws;
  private Map<String, String> env;

  @BeforeEach
  void fakes() throws Exception {
    aws = new FakeAws(temp);
    env = Map.of("FRUITS_EMR_WORK_DIR", temp.resolve("work").toString());
  }

  @Test
  void createClusterAsksForTheDocumentedCluster() throws Exception {
    Run run = runBothWays("emr-create-cluster.sh", "--subnet-id", "subnet-0abc", "--core-nodes", "3");
    List<String> call = find(run.calls, "emr", "create-cluster");
    assertTrue(option(call, "--release-label").matches("emr-7\\.\\d+\\.\\d+"), call.toString());
    assertEquals("Name=Hadoop", option(call, "--applications"));
    assertEquals("fruits-emr-service", option(call, "--service-role"));
    assertEquals("InstanceProfile=fruits-emr-ec2,SubnetId=subnet-0abc", option(call, "--ec2-attributes"));
    assertEquals(ROOT + "logs/", option(call, "--log-uri"));
    assertEquals("IdleTimeout=3600", option(call, "--auto-termination-policy"));
    assertTrue(call.contains("for-use-with-amazon-emr-managed-policies=true"),
        "AmazonEMRServicePolicy_v2 only acts on tagged clusters: " + call);
    assertEquals(EmrConfigurations.FILE, file(option(call, "--configurations")));
    assertEquals("j-FAKECLUSTER1", lastLine(run.stdout));

    JsonNode groups = json(option(call, "--instance-groups"));
    assertEquals(2, groups.size());
    assertGroup(groups.get(0), "MASTER", 1);
    assertGroup(groups.get(1), "CORE", 3);
    assertFalse(groups.get(1).has("BidPrice"), "on-demand core nodes by default");

    JsonNode actions = json(option(call, "--bootstrap-actions"));
    assertEquals(1, actions.size());
    assertEquals(ROOT + "bootstrap/bootstrap-emr.sh", actions.get(0).path("Path").asText());
    assertEquals(List.of("--dest", "/mnt/fruits", ROOT + "models/mobilenet_v2_1.0_224.onnx",
        ROOT + "conf/log4j.properties"), strings(actions.get(0).path("Args")));
    // The driver's log4j file the hadoop-env classification names is the one the bootstrap stages.
    String clientOpts = EmrConfigurations.load().get("hadoop-env/export").get("HADOOP_CLIENT_OPTS");
    assertTrue(clientOpts.contains("-Dlog4j.configuration=file:/mnt/fruits/log4j.properties"), clientOpts);
  }

  @Test
  void spotCoreNodesHaveAMaximumPriceAndThePrimaryStaysOnDemand() throws Exception {
    Run run = runBothWays("emr-create-cluster.sh", "--subnet-id", "subnet-0abc", "--spot");
    JsonNode groups = json(option(find(run.calls, "emr", "create-cluster"), "--instance-groups"));
    assertFalse(groups.get(0).has("BidPrice"));
    assertGroup(groups.get(1), "CORE", 2);
    assertEquals("0.192", groups.get(1).path("BidPrice").asText());
  }

  @Test
  void theStepRunsTheJarsMainClassWithArgumentsTheRunCommandAccepts() throws Exception {
    Run run = runBothWays("emr-add-step.sh", "--cluster-id", "j-FAKECLUSTER1", "--run", "run1",
        "-D", EmbedKeys.BATCH_SIZE.key() + "=16", "--", "--pca-k", "64");
    List<String> call = find(run.calls, "emr", "add-steps");
    assertEquals("j-FAKECLUSTER1", option(call, "--cluster-id"));
    assertEquals("s-FAKESTEP1", lastLine(run.stdout));
    JsonNode steps = json(option(call, "--steps"));
    assertEquals(1, steps.size());
    JsonNode step = steps.get(0);
    assertEquals("CUSTOM_JAR", step.path("Type").asText());
    assertEquals(ROOT + "jars/fruits-pipeline.jar", step.path("Jar").asText());
    // With a Main-Class in the manifest, `hadoop jar` would pass a step's MainClass on as args[0].
    assertFalse(step.has("MainClass"), "the jar's manifest names the main class: " + step);
    Method main = Class.forName(JarMainClass.read()).getMethod("main", String[].class);
    assertTrue(Modifier.isStatic(main.getModifiers()));

    List<String> args = strings(step.path("Args"));
    assertTrue(commandNames().contains(args.get(0)), "first argument must be a command: " + args);
    Configuration conf = new Configuration(false);
    String[] runArgs = new GenericOptionsParser(conf, args.subList(1, args.size()).toArray(String[]::new))
        .getRemainingArgs();
    RunArguments parsed = parseRunArguments(runArgs, conf);
    String s3a = "s3a://" + BUCKET + "/" + PREFIX + "/";
    assertEquals(s3a + "input", parsed.input().toString());
    assertEquals(s3a + "output/run1", parsed.output().toString());
    assertEquals(s3a + "models/mobilenet_v2_1.0_224.onnx", parsed.model().toString());
    assertEquals("16", conf.get(EmbedKeys.BATCH_SIZE.key()));
    assertEquals("64", conf.get(PcaKeys.K.key()));
  }

  @Test
  void aKmsKeySwitchesTheRunToSseKms() throws Exception {
    String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    Run run = runBothWays("emr-add-step.sh", "--cluster-id", "j-FAKECLUSTER1", "--run", "run2",
        "--kms-key-arn", key);
    List<String> args = strings(json(option(find(run.calls, "emr", "add-steps"), "--steps")).get(0).path("Args"));
    Configuration conf = new Configuration(false);
    new GenericOptionsParser(conf, args.subList(1, args.size()).toArray(String[]::new));
    assertEquals("SSE-KMS", conf.get("fs.s3a.encryption.algorithm"));
    assertEquals(key, conf.get("fs.s3a.encryption.key"));
  }

  @Test
  void waitingEndsWithTheRunsSummary() throws Exception {
    Run run = runBothWays("emr-wait-step.sh", "--cluster-id", "j-FAKECLUSTER1", "--step-id", "s-FAKESTEP1",
        "--run", "run1");
    List<String> describe = find(run.calls, "emr", "describe-step");
    assertEquals("s-FAKESTEP1", option(describe, "--step-id"));
    List<String> copy = find(run.calls, "s3", "cp");
    assertEquals(List.of(ROOT + "output/run1/summary.json", "-"), copy.subList(copy.size() - 2, copy.size()));
    assertTrue(run.stdout.contains(FakeAws.SUMMARY), run.stdout);
  }

  @Test
  void aFailedStepExits1AndSaysWhereItsLogsAre() throws Exception {
    FakeAws.Result result = aws.run(script("emr-wait-step.sh"), with("FAKE_STEP_STATE", "FAILED"),
        args("--cluster-id", "j-FAKECLUSTER1", "--step-id", "s-FAKESTEP1", "--run", "run1"));
    assertEquals(1, result.exit(), result.stderr());
    assertTrue(result.stderr().contains(ROOT + "logs/j-FAKECLUSTER1/steps/s-FAKESTEP1/"), result.stderr());
    assertTrue(aws.takeCalls().stream().noneMatch(c -> c.contains("cp")), "no summary after a failure");
  }

  @Test
  void uploadCopiesJarModelBootstrapLog4jAndDataEncrypted() throws Exception {
    Path jar = Files.writeString(temp.resolve("fruits-pipeline.jar"), "jar");
    Path model = Files.writeString(temp.resolve("mobilenet_v2_1.0_224.onnx"), "model");
    Path data = Files.createDirectories(temp.resolve("photos/Kiwi"));
    Run run = runBothWays("emr-upload.sh", "--jar", jar.toString(), "--model", model.toString(),
        "--data", data.getParent().toString());
    Map<String, String> uploaded = new HashMap<>();
    for (List<String> call : run.calls) {
      assertEquals("AES256", option(call, "--sse"), "every upload is encrypted: " + call);
      uploaded.put(call.get(call.size() - 1), call.get(call.size() - 2));
    }
    assertEquals(Map.of(
        ROOT + "jars/fruits-pipeline.jar", jar.toString(),
        ROOT + "models/mobilenet_v2_1.0_224.onnx", model.toString(),
        ROOT + "bootstrap/bootstrap-emr.sh", ProjectFiles.bootstrap().toString(),
        ROOT + "conf/log4j.properties", ProjectFiles.conf().resolve("emr/log4j.properties").toString(),
        ROOT + "input/", data.getParent().toString()), uploaded);
  }

  @Test
  void terminateEndsTheClusterAndWaits() throws Exception {
    Run run = runBothWays("emr-terminate.sh", "--cluster-id", "j-FAKECLUSTER1");
    assertEquals("j-FAKECLUSTER1", option(find(run.calls, "emr", "terminate-clusters"), "--cluster-ids"));
    assertEquals("j-FAKECLUSTER1", option(find(run.calls, "emr", "wait", "cluster-terminated"), "--cluster-id"));
  }

  @Test
  void iamSetupCreatesScopedRolesFromTheReviewedDocuments() throws Exception {
    Run run = runBothWays("emr-setup-iam.sh", "--subnet-id", "subnet-0abc", "--account-id", "111122223333");
    for (List<String> call : run.calls) {
      assertFalse(String.join(" ", call).contains("FullAccess"), call.toString());
    }
    List<String> ec2Role = find(run.calls, "iam", "create-role", "--role-name", "fruits-emr-ec2");
    JsonNode trust = json(option(ec2Role, "--assume-role-policy-document"));
    assertEquals("ec2.amazonaws.com", trust.at("/Statement/0/Principal/Service").asText());
    List<String> s3Policy = find(run.calls, "iam", "put-role-policy", "--role-name", "fruits-emr-ec2");
    String policy = Files.readString(file(option(s3Policy, "--policy-document")));
    assertFalse(policy.contains("__"), "unfilled placeholder: " + policy);
    assertTrue(policy.contains("arn:aws:s3:::" + BUCKET + "/" + PREFIX + "/output/*"), policy);
    List<String> serviceTrust = find(run.calls, "iam", "create-role", "--role-name", "fruits-emr-service");
    assertEquals("111122223333",
        json(option(serviceTrust, "--assume-role-policy-document")).at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText());
    assertEquals("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2",
        option(find(run.calls, "iam", "attach-role-policy"), "--policy-arn"));
    List<String> passRole = find(run.calls, "iam", "put-role-policy", "--role-name", "fruits-emr-service");
    assertEquals("arn:aws:iam::111122223333:role/fruits-emr-ec2",
        json(option(passRole, "--policy-document")).at("/Statement/0/Resource").asText());
    assertEquals("subnet-0abc", option(find(run.calls, "ec2", "create-tags"), "--resources"));
  }

  @Test
  void iamSetupAsksStsForTheAccountWhenNotGiven() throws Exception {
    FakeAws.Result result = aws.run(script("emr-setup-iam.sh"), env, args());
    assertEquals(0, result.exit(), result.stderr());
    List<List<String>> calls = aws.takeCalls();
    assertEquals(List.of("--region", "us-east-1", "sts", "get-caller-identity", "--query", "Account", "--output", "text"),
        calls.get(0));
    List<String> passRole = find(calls, "iam", "put-role-policy", "--role-name", "fruits-emr-service");
    assertEquals("arn:aws:iam::111122223333:role/fruits-emr-ec2",
        json(option(passRole, "--policy-document")).at("/Statement/0/Resource").asText());
  }

  /** The tags create-cluster asks for are exactly those the operator policy it came with demands. */
  @Test
  void theClusterCarriesTheTagTheOperatorPolicyRequires() throws Exception {
    Run setup = runBothWays("emr-setup-iam.sh", "--account-id", "111122223333");
    List<String> policyLine = setup.stderrLines().stream().filter(l -> l.contains("operator-policy.json")).toList();
    assertEquals(1, policyLine.size(), setup.stderr());
    String path = policyLine.get(0).substring(policyLine.get(0).lastIndexOf(' ') + 1);
    JsonNode operator = JSON.readTree(Path.of(path).toFile());
    JsonNode create = operator.path("Statement").get(0);
    assertEquals("elasticmapreduce:RunJobFlow", create.path("Action").asText());

    List<String> call = find(runBothWays("emr-create-cluster.sh", "--subnet-id", "subnet-0abc").calls,
        "emr", "create-cluster");
    Map<String, String> tags = new HashMap<>();
    for (String tag : call.subList(call.indexOf("--tags") + 1, call.size())) {
      if (tag.startsWith("--")) {
        break;
      }
      tags.put(tag.substring(0, tag.indexOf('=')), tag.substring(tag.indexOf('=') + 1));
    }
    assertEquals("fruits-pipeline", tags.get("project"), call.toString());
    assertEquals("fruits-pipeline", create.at("/Condition/StringEquals/aws:RequestTag~1project").asText());
    assertEquals(tags.keySet(), new java.util.HashSet<>(
        strings(create.at("/Condition/ForAllValues:StringEquals/aws:TagKeys"))), "every tag the request carries is allowed");
    assertEquals("fruits-pipeline", operator.path("Statement").get(1)
        .at("/Condition/StringEquals/aws:ResourceTag~1project").asText());
    assertEquals("arn:aws:elasticmapreduce:us-east-1:111122223333:cluster/*",
        operator.path("Statement").get(1).path("Resource").asText());
  }

  @Test
  void bucketSetupAppliesTheTlsAndEncryptionPolicyAndTheUploadLifecycle() throws Exception {
    Run run = runBothWays("emr-setup-bucket.sh");
    List<String> put = find(run.calls, "s3api", "put-bucket-policy");
    assertEquals(BUCKET, option(put, "--bucket"));
    JsonNode policy = json(option(put, "--policy"));
    assertFalse(policy.toString().contains("__"), "unfilled placeholder: " + policy);
    assertEquals(List.of("arn:aws:s3:::" + BUCKET, "arn:aws:s3:::" + BUCKET + "/*"),
        strings(policy.at("/Statement/0/Resource")));
    assertEquals("false", policy.at("/Statement/0/Condition/Bool/aws:SecureTransport").asText());
    assertEquals("AES256",
        policy.at("/Statement/1/Condition/StringNotEquals/s3:x-amz-server-side-encryption").asText());
    JsonNode lifecycle = json(option(find(run.calls, "s3api", "put-bucket-lifecycle-configuration"),
        "--lifecycle-configuration"));
    assertEquals(PREFIX + "/", lifecycle.at("/Rules/0/Filter/Prefix").asText());
    assertEquals(7, lifecycle.at("/Rules/0/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt());
    assertTrue(run.calls.stream().noneMatch(c -> c.contains("put-bucket-encryption")),
        "every bucket encrypts with SSE-S3 by default: " + run.calls);
  }

  @Test
  void aKmsBucketDefaultsToTheKeyAndRefusesUploadsNamingAnother() throws Exception {
    String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    Run run = runBothWays("emr-setup-bucket.sh", "--kms-key-arn", key);
    JsonNode encryption = json(option(find(run.calls, "s3api", "put-bucket-encryption"),
        "--server-side-encryption-configuration"));
    assertEquals(key, encryption.at("/Rules/0/ApplyServerSideEncryptionByDefault/KMSMasterKeyID").asText());
    JsonNode policy = json(option(find(run.calls, "s3api", "put-bucket-policy"), "--policy"));
    assertEquals("aws:kms",
        policy.at("/Statement/1/Condition/StringNotEquals/s3:x-amz-server-side-encryption").asText());
    assertEquals(key,
        policy.at("/Statement/2/Condition/StringNotEquals/s3:x-amz-server-side-encryption-aws-kms-key-id").asText());
  }

  /** put-bucket-policy and put-bucket-lifecycle-configuration replace the whole document. */
  @Test
  void bucketSetupLeavesAnExistingPolicyAndLifecycleAlone() throws Exception {
    FakeAws.Result result = aws.run(script("emr-setup-bucket.sh"), with("FAKE_BUCKET_CONFIGURED", "1"), args());
    assertEquals(0, result.exit(), result.stderr());
    List<List<String>> calls = aws.takeCalls();
    assertEquals(2, calls.size(), calls.toString());
    find(calls, "s3api", "get-bucket-policy");
    find(calls, "s3api", "get-bucket-lifecycle-configuration");
    assertEquals(2, result.stderr().lines().filter(l -> l.contains("left as it is")).count(), result.stderr());
  }

  /** A run name is one folder under output/: "." or ".." would make --overwrite delete above it. */
  @Test
  void aRunNameThatIsNotOneFolderIsRefused() throws Exception {
    Map<String, List<String>> scripts = Map.of(
        "emr-add-step.sh", List.of("--cluster-id", "j-FAKECLUSTER1"),
        "emr-wait-step.sh", List.of("--cluster-id", "j-FAKECLUSTER1", "--step-id", "s-FAKESTEP1"));
    for (String name : List.of(".", "..", "a/b", "../run1", "run1/..", "", " ")) {
      String expected = name.isEmpty() ? "--run needs a value" : "--run '" + name + "' must name one folder under output/";
      for (Map.Entry<String, List<String>> script : scripts.entrySet()) {
        List<String> scriptArgs = new ArrayList<>(script.getValue());
        scriptArgs.addAll(List.of("--run", name));
        FakeAws.Result result = aws.run(script(script.getKey()), env, args(scriptArgs.toArray(String[]::new)));
        assertEquals(2, result.exit(), script.getKey() + " --run '" + name + "': " + result.stderr());
        String reason = result.stderr().lines().findFirst().orElse("");
        assertTrue(reason.contains(expected), reason);
        assertEquals(List.of(), aws.takeCalls(), script.getKey() + " --run '" + name + "' called aws");
      }
    }
    // The names that are folders still work, dots included.
    runBothWays("emr-add-step.sh", "--cluster-id", "j-FAKECLUSTER1", "--run", "2026-11-30.v2");
  }

  @Test
  void mistakesExit2BeforeAnyAwsCall() throws Exception {
    Map<String, String[]> mistakes = Map.of(
        "--bucket is required", new String[] {"emr-create-cluster.sh", "--subnet-id", "subnet-0abc"},
        "unknown option '--cores'", new String[] {"emr-create-cluster.sh", "--bucket", BUCKET, "--cores", "2"},
        "--subnet-id is required", new String[] {"emr-create-cluster.sh", "--bucket", BUCKET},
        "--cluster-id must be", new String[] {"emr-add-step.sh", "--bucket", BUCKET, "--cluster-id", "cluster1", "--run", "a"},
        "--scheme must be", new String[] {"emr-add-step.sh", "--bucket", BUCKET, "--cluster-id", "j-ABC", "--run", "a", "--scheme", "hdfs"},
        "--run needs a value", new String[] {"emr-wait-step.sh", "--bucket", BUCKET, "--run"},
        "--prefix '/abs/' must be", new String[] {"emr-upload.sh", "--bucket", BUCKET, "--prefix", "/abs/"});
    for (Map.Entry<String, String[]> mistake : mistakes.entrySet()) {
      String[] command = mistake.getValue();
      FakeAws.Result result = aws.run(script(command[0]), env, Arrays.copyOfRange(command, 1, command.length));
      assertEquals(2, result.exit(), String.join(" ", command) + ": " + result.stderr());
      assertTrue(result.stderr().contains(mistake.getKey()), result.stderr());
      assertEquals(List.of(), aws.takeCalls(), "aws called despite " + mistake.getKey());
    }
  }

  @Test
  void everyScriptHasHelp() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Path script : ProjectFiles.find(ProjectFiles.scripts(), ".sh")) {
      if (!script.getFileName().toString().startsWith("emr-") || script.getParent().endsWith("lib")) {
        continue;
      }
      FakeAws.Result help = aws.run(script, env, "--help");
      assertEquals(0, help.exit(), script + ": " + help.stderr());
      assertTrue(help.stdout().contains("scripts/" + script.getFileName()), script + " help: " + help.stdout());
      assertTrue(help.stdout().contains("--dry-run"), script + " help: " + help.stdout());
      checked.add(script.getFileName().toString());
    }
    // The seven in scripts/: create-cluster, add-step, wait-step, terminate, upload, setup-bucket
    // and setup-iam.
    assertEquals(7, checked.size(), "scripts checked: " + checked);
    assertEquals(List.of(), aws.takeCalls());
  }

  private record Run(List<List<String>> calls, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().toList();
    }
  }

  /**
   * Runs the script against the fake aws, then as a dry run with aws forbidden, then each line the
   * dry run printed through bash: the printed commands must make exactly the real run's calls.
   */
  private Run runBothWays(String name, String... scriptArgs) throws Exception {
    String[] all = args(scriptArgs);
    FakeAws.Result real = aws.run(script(name), env, all);
    assertEquals(0, real.exit(), name + " failed: " + real.stderr());
    List<List<String>> calls = aws.takeCalls();
    assertFalse(calls.isEmpty(), name + " made no aws call");

    List<String> dryArgs = new ArrayList<>(Arrays.asList(all));
    dryArgs.add(dryArgs.contains("--") ? dryArgs.indexOf("--") : dryArgs.size(), "--dry-run");
    FakeAws.Result dry = aws.run(script(name), with("FAKE_AWS_FAIL", "1"), dryArgs.toArray(String[]::new));
    assertEquals(0, dry.exit(), name + " --dry-run failed: " + dry.stderr());
    assertEquals(List.of(), aws.takeCalls(), name + " --dry-run called aws");
    for (String line : dry.commandLines()) {
      aws.runLine(line, env);
    }
    assertEquals(calls, aws.takeCalls(), name + " --dry-run printed:\n" + dry.stdout());
    return new Run(calls, real.stdout(), real.stderr());
  }

  private static String[] args(String... scriptArgs) {
    List<String> all = new ArrayList<>(List.of(LOCATION));
    all.addAll(List.of(scriptArgs));
    return all.toArray(String[]::new);
  }

  private Map<String, String> with(String key, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(key, value);
    return more;
  }

  private static Path script(String name) {
    return ProjectFiles.scripts().resolve(name);
  }

  private static Path file(String fileUri) {
    assertTrue(fileUri.startsWith("file://"), fileUri);
    Path path = Path.of(fileUri.substring("file://".length()));
    assertTrue(Files.isRegularFile(path), "missing " + path);
    return path;
  }

  private static JsonNode json(String fileUri) throws Exception {
    return JSON.readTree(file(fileUri).toFile());
  }

  private static List<String> strings(JsonNode array) {
    assertTrue(array.isArray(), "expected a JSON array: " + array);
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static void assertGroup(JsonNode group, String type, int count) {
    assertEquals(type, group.path("InstanceGroupType").asText(), group.toString());
    assertEquals(count, group.path("InstanceCount").asInt(), group.toString());
    assertEquals("m5.xlarge", group.path("InstanceType").asText(), group.toString());
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** The jar's subcommands (cli.Command is package-private). */
  private static List<String> commandNames() throws Exception {
    List<String> names = new ArrayList<>();
    for (Object command : Class.forName("io.fruits.pipeline.cli.Command").getEnumConstants()) {
      names.add(((Enum<?>) command).name().toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  /** The run command's own parser (package-private), so the step's arguments are checked by it. */
  private static RunArguments parseRunArguments(String[] args, Configuration conf) throws Exception {
    Method parse = Class.forName("io.fruits.pipeline.cli.SubcommandTool")
        .getDeclaredMethod("parse", Options.class, String[].class);
    parse.setAccessible(true);
    Field options = RunArguments.class.getDeclaredField("OPTIONS");
    options.setAccessible(true);
    Object line = parse.invoke(null, options.get(null), args);
    Method of = RunArguments.class.getDeclaredMethod("of", CommandLine.class, Configuration.class);
    of.setAccessible(true);
    RunArguments parsed = (RunArguments) of.invoke(null, line, conf);
    assertNotNull(parsed);
    return parsed;
  }
}
