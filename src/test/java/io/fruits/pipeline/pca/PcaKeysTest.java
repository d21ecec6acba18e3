package io.fruits.pipeline.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.ConfigKey;
import io.fruits.pipeline.conf.InvalidConfigException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class PcaKeysTest {

  private final Configuration conf = new Configuration(false);

  @Test
  void defaultSelectionKeeps95PercentOfTheVariance() {
    assertEquals(new ComponentSelection.Variance(0.95), PcaKeys.selection(conf));
  }

  @Test
  void kWinsWhenSetAlone() {
    conf.set("fruits.pca.k", " 64 ");
    assertEquals(new ComponentSelection.Count(64), PcaKeys.selection(conf));
  }

  @Test
  void varianceIsReadWhenSetAlone() {
    conf.set("fruits.pca.variance", "0.8");
    assertEquals(new ComponentSelection.Variance(0.8), PcaKeys.selection(conf));
  }

  @Test
  void settingBothIsRejectedNamingBothKeys() {
    conf.set("fruits.pca.k", "10");
    conf.set("fruits.pca.variance", "0.9");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> PcaKeys.selection(conf));
    assertTrue(e.getMessage().contains("fruits.pca.k"), e.getMessage());
    assertTrue(e.getMessage().contains("fruits.pca.variance"), e.getMessage());
  }

  @Test
  void badValuesAreRejectedNamingTheirKey() {
    for (String bad : new String[] {"0", "-3", "ten", "2.5"}) {
      Configuration c = new Configuration(false);
      c.set("fruits.pca.k", bad);
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> PcaKeys.selection(c), bad);
      assertTrue(e.getMessage().startsWith("fruits.pca.k"), e.getMessage());
    }
    for (String bad : new String[] {"0", "-0.5", "1.01", "most", "NaN"}) {
      Configuration c = new Configuration(false);
      c.set("fruits.pca.variance", bad);
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> PcaKeys.selection(c), bad);
      assertTrue(e.getMessage().startsWith("fruits.pca.variance"), e.getMessage());
    }
  }

  @Test
  void reducersDefaultToAutomaticAndMustNotBeNegative() {
    assertEquals(0, PcaKeys.reducers(conf));
    conf.set("fruits.pca.reducers", "6");
    assertEquals(6, PcaKeys.reducers(conf));
    conf.set("fruits.pca.reducers", "-1");
    assertThrows(InvalidConfigException.class, () -> PcaKeys.reducers(conf));
  }

  @Test
  void everyKeyIsDocumentedUnderThePcaPrefix() {
    assertEquals(List.of("fruits.pca.k", "fruits.pca.variance", "fruits.pca.reducers"),
        PcaKeys.ALL.stream().map(ConfigKey::key).toList(), "the keys the README lists");
    for (ConfigKey key : PcaKeys.ALL) {
      assertTrue(key.key().startsWith("fruits.pca."), key.key());
      assertFalse(key.description().isBlank(), key.key());
    }
  }

  @Test
  void reducersAreChosenFromTheNumberOfMapTasksUnlessSet() {
    assertEquals(1, PcaKeys.reducersFor(conf, 0));
    assertEquals(1, PcaKeys.reducersFor(conf, 64));
    assertEquals(2, PcaKeys.reducersFor(conf, 65));
    assertEquals(16, PcaKeys.reducersFor(conf, 1000));
    assertEquals(32, PcaKeys.reducersFor(conf, 100_000));
    // (n + 63) / 64 overflowed here and gave 1 reducer.
    assertEquals(32, PcaKeys.reducersFor(conf, Integer.MAX_VALUE));
    assertEquals(32, PcaKeys.reducersFor(conf, Long.MAX_VALUE));
    conf.setInt(PcaKeys.REDUCERS.key(), 5);
    assertEquals(5, PcaKeys.reducersFor(conf, 100_000));
    assertEquals(5, PcaKeys.reducersFor(conf, 1));
  }
}
