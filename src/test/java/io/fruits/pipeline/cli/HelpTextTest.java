package io.fruits.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.ConfigKey;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
  void everySettableKeyIsListedUnderTheFruitsPrefixAndNoTaskKeyIs() {
    String help = HelpText.text();
    for (List<ConfigKey> group : HelpText.KEY_GROUPS) {
      for (ConfigKey key : group) {
        assertTrue(key.key().startsWith("fruits."), key.key());
        assertEquals(key.settable(), help.contains("  " + key.key() + " ")
            || help.contains("  " + key.key() + "\n"), key.key() + " in --help");
      }
    }
  }

  @Test
  void everyKeyIsInItsPackageListAndTheReadme() throws Exception {
    String readme = Files.readString(Paths.get("README.md"));
    int declared = 0;
    for (List<ConfigKey> group : HelpText.KEY_GROUPS) {
      Class<?> holder = Class.forName(keyClassOf(group));
      for (Field field : holder.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
          declared++;
          assertTrue(group.contains((ConfigKey) field.get(null)), field + " is missing from ALL");
        }
      }
      for (ConfigKey key : group) {
        assertTrue(readme.contains(key.key()), key.key() + " is not in the README");
      }
    }
    assertEquals(declared, HelpText.KEY_GROUPS.stream().mapToInt(List::size).sum());
  }

  /**
   * The groups the tests above go through are all there are: every class of src/main declaring
   * ConfigKey constants is a group of KEY_GROUPS, once, so a new keys class or a dropped group
   * fails here.
   */
  @Test
  void theKeyGroupsAreEveryClassDeclaringKeys() throws Exception {
    Path sources = Paths.get("src/main/java");
    Pattern constant = Pattern.compile("\\bstatic\\b[^;=(]*\\bConfigKey\\s+\\w+\\s*=");
    Set<String> declaring = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (constant.matcher(Files.readString(file)).find()) {
          String name = sources.relativize(file).toString().replace(File.separatorChar, '.');
          declaring.add(name.substring(0, name.length() - ".java".length()));
        }
      }
    }
    List<String> listed = HelpText.KEY_GROUPS.stream().map(HelpTextTest::keyClassOf).toList();
    assertEquals(declaring, new TreeSet<>(listed), "classes declaring keys vs KEY_GROUPS");
    assertEquals(declaring.size(), listed.size(), "a group listed twice: " + listed);
  }

  /** The class declaring a group, found through one of its keys' package ({@code fruits.<p>.}). */
  private static String keyClassOf(List<ConfigKey> group) {
    String pkg = group.get(0).key().split("\\.")[1];
    return switch (pkg) {
      case "debug" -> "io.fruits.pipeline.cli.CliKeys";
      default -> "io.fruits.pipeline." + pkg + "." + Character.toUpperCase(pkg.charAt(0))
          + pkg.substring(1) + "Keys";
    };
  }
}
