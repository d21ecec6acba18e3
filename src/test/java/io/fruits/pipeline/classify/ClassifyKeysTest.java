package io.fruits.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.InvalidConfigException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ClassifyKeysTest {

  private final Configuration conf = new Configuration(false);

  /** Labels are folder names: commas, quotes and accents survive the trip through the conf. */
  @Test
  void labelsTravelAsAJsonListInClassOrder() throws Exception {
    List<String> labels = List.of("Pear", "Apple Red 1", "Cherry, \"Rainier\"", "Pitahaya Rosé");
    ClassifyKeys.setLabels(conf, labels);
    assertEquals("[\"Pear\",\"Apple Red 1\",\"Cherry, \\\"Rainier\\\"\",\"Pitahaya Rosé\"]",
        conf.get("fruits.classify.labels"));
    assertEquals(labels, ClassifyKeys.labels(conf));
  }

  @Test
  void missingLabelsNameTheKey() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ClassifyKeys.labels(conf));
    assertTrue(e.getMessage().startsWith("fruits.classify.labels is required"), e.getMessage());
  }
}
