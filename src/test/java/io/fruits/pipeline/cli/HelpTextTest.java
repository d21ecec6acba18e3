package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class HelpTextTest {

  @Test
  void theReadmeUsageSectionIsTheExactHelpText() throws Exception {
    String readme = Files.readString(Paths.get("README.md"));
    int section = readme.indexOf("\n## Usage");
    assertTrue(section >= 0, "README has no Usage section");
    int start = readme.indexOf("```text\n", section) + "```text\n".length();
    int end = readme.indexOf("```", start);
    assertEquals(HelpText.text(), readme.substring(start, end));
  }

  @Test
  void everyConfigurationKeyIsListedUnderTheFruitsPrefix() {
    String help = HelpText.text();
    for (Class<? extends Enum<? extends ConfigKey>> group : HelpText.KEY_GROUPS) {
      for (Enum<? extends ConfigKey> constant : group.getEnumConstants()) {
        String key = ((ConfigKey) constant).key();
        assertTrue(key.startsWith("fruits."), key);
        assertTrue(help.contains("  " + key), key + " missing from --help");
      }
    }
  }
}
