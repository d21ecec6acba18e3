package io.fruits.pipeline.deploy;

import static io.fruits.pipeline.deploy.PolicyJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IAM documents in conf/iam: least privilege, reviewable. No statement grants a wildcard
 * action, none uses NotAction/NotResource, a statement on every resource ("*") names its actions
 * exactly, nothing mentions a *FullAccess policy, and the nodes' instance profile touches only the
 * project's bucket and prefix, writing only output/ and logs/.
 */
class IamPolicyTest {

  private static final Path IAM = ProjectFiles.conf().resolve("iam");
  private static final String BUCKET_ARN = "arn:aws:s3:::__BUCKET__";
  /** Placeholders emr-common.sh fills with the tag emr-create-cluster.sh puts on the cluster. */
  private static final String PROJECT_TAG_KEY = "__PROJECT_TAG_KEY__";
  private static final String PROJECT_TAG_VALUE = "__PROJECT_TAG_VALUE__";

  @Test
  void noStatementGrantsWildcardActionsAndNothingIsFullAccess() throws Exception {
    List<Path> documents = ProjectFiles.find(IAM, ".json");
    assertTrue(documents.size() >= 6, documents.toString());
    for (Path document : documents) {
      JsonNode policy = new ObjectMapper().readTree(document.toFile());
      assertEquals("2012-10-17", policy.path("Version").asText(), document.toString());
      assertTrue(policy.path("Statement").isArray() && policy.path("Statement").size() > 0, document.toString());
      for (JsonNode statement : policy.path("Statement")) {
        String where = document.getFileName() + " " + statement.path("Sid").asText();
        assertEquals("Allow", statement.path("Effect").asText(), where);
        assertFalse(statement.has("NotAction") || statement.has("NotResource") || statement.has("NotPrincipal"), where);
        for (String action : strings(statement.path("Action"))) {
          assertFalse(action.contains("*"), where + ": wildcard action " + action);
        }
        if (strings(statement.path("Resource")).contains("*")) {
          assertFalse(strings(statement.path("Action")).isEmpty(), where);
        }
      }
    }
    for (Path folder : List.of(ProjectFiles.conf(), ProjectFiles.scripts(), ProjectFiles.bootstrap().getParent())) {
      for (Path file : ProjectFiles.find(folder, "")) {
        assertFalse(Files.readString(file).contains("FullAccess"), file + " mentions a FullAccess policy");
      }
    }
  }

  @Test
  void theInstanceProfileReadsTheProjectPrefixAndWritesOnlyOutputAndLogs() throws Exception {
    JsonNode policy = new ObjectMapper().readTree(IAM.resolve("ec2-instance-policy.json").toFile());
    List<String> writable = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      List<String> actions = strings(statement.path("Action"));
      for (String resource : strings(statement.path("Resource"))) {
        assertTrue(resource.equals(BUCKET_ARN) || resource.startsWith(BUCKET_ARN + "/__PREFIX__"),
            "outside the project bucket and prefix: " + resource);
        if (resource.equals(BUCKET_ARN) && actions.contains("s3:ListBucket")) {
          assertEquals(List.of("__PREFIX__", "__PREFIX__/*"),
              strings(statement.at("/Condition/StringLike/s3:prefix")), "listing limited to the prefix");
        }
      }
      for (String action : actions) {
        assertTrue(action.startsWith("s3:"), "the nodes need S3 only: " + action);
      }
      if (actions.stream().anyMatch(a -> a.startsWith("s3:Put") || a.startsWith("s3:Delete"))) {
        writable.addAll(strings(statement.path("Resource")));
      }
    }
    assertEquals(List.of(BUCKET_ARN + "/__PREFIX__/output/*", BUCKET_ARN + "/__PREFIX__/logs/*"), writable);
  }

  @Test
  void trustPoliciesLetOnlyTheirServiceAssumeTheRoles() throws Exception {
    JsonNode ec2 = new ObjectMapper().readTree(IAM.resolve("ec2-trust-policy.json").toFile());
    assertEquals("ec2.amazonaws.com", ec2.at("/Statement/0/Principal/Service").asText());
    assertEquals("sts:AssumeRole", ec2.at("/Statement/0/Action").asText());
    JsonNode emr = new ObjectMapper().readTree(IAM.resolve("emr-service-trust-policy.json").toFile());
    assertEquals("elasticmapreduce.amazonaws.com", emr.at("/Statement/0/Principal/Service").asText());
    assertEquals("__ACCOUNT_ID__", emr.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText(),
        "confused-deputy guard: only EMR acting for this account");
    for (JsonNode policy : List.of(ec2, emr)) {
      assertEquals(1, policy.path("Statement").size());
    }
  }

  /**
   * Cluster actions only on clusters carrying the project's tag, cluster creation only with it in
   * the request (and no other tag but EMR's managed-policy one), and no tag condition anywhere
   * else: the S3 and IAM statements are scoped by resource instead.
   */
  @Test
  void theOperatorActsOnlyOnClustersTaggedForTheProject() throws Exception {
    JsonNode policy = new ObjectMapper().readTree(IAM.resolve("operator-policy.json").toFile());
    List<String> emrActions = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      List<String> actions = strings(statement.path("Action"));
      JsonNode condition = statement.path("Condition");
      String where = statement.path("Sid").asText();
      if (actions.equals(List.of("elasticmapreduce:RunJobFlow"))) {
        assertEquals(PROJECT_TAG_VALUE, condition.at("/StringEquals/aws:RequestTag~1" + PROJECT_TAG_KEY).asText(), where);
        assertEquals(List.of(PROJECT_TAG_KEY, "for-use-with-amazon-emr-managed-policies"),
            strings(condition.at("/ForAllValues:StringEquals/aws:TagKeys")), where);
        assertEquals(2, condition.size(), where);
      } else if (actions.stream().anyMatch(a -> a.startsWith("elasticmapreduce:"))) {
        assertEquals("arn:aws:elasticmapreduce:__REGION__:__ACCOUNT_ID__:cluster/*", statement.path("Resource").asText(), where);
        assertEquals(PROJECT_TAG_VALUE, condition.at("/StringEquals/aws:ResourceTag~1" + PROJECT_TAG_KEY).asText(), where);
        assertEquals(1, condition.size(), where);
        assertEquals(1, condition.path("StringEquals").size(), where);
      } else {
        assertFalse(condition.toString().contains("Tag"), where + " has a tag condition: " + condition);
      }
      actions.stream().filter(a -> a.startsWith("elasticmapreduce:")).forEach(emrActions::add);
    }
    assertEquals(List.of("elasticmapreduce:RunJobFlow", "elasticmapreduce:AddJobFlowSteps",
        "elasticmapreduce:DescribeCluster", "elasticmapreduce:DescribeStep", "elasticmapreduce:ListSteps",
        "elasticmapreduce:TerminateJobFlows"), emrActions);
  }
}
