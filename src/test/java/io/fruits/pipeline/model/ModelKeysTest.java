package io.fruits.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.conf.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.junit.jupiter.api.Test;

class ModelKeysTest {

  @Test
  void byDefaultATaskUsesAsManyInferenceThreadsAsItHasVcores() {
    assertEquals(new SessionSettings(1, 1),
        ModelKeys.settings(new Configuration(false)));
    Configuration fourVcores = new Configuration(false);
    fourVcores.setInt(MRJobConfig.MAP_CPU_VCORES, 4);
    assertEquals(4, ModelKeys.settings(fourVcores).intraOpThreads());
  }

  @Test
  void threadCountsComeFromTheKeys() {
    Configuration conf = new Configuration(false);
    ModelKeys.INTRA_OP_THREADS.set(conf, 2);
    ModelKeys.INTER_OP_THREADS.set(conf, 3);
    SessionSettings settings = ModelKeys.settings(conf);
    assertEquals(2, settings.intraOpThreads());
    assertEquals(3, settings.interOpThreads());
  }

  @Test
  void badThreadCountsNameTheKey() {
    Configuration negative = new Configuration(false);
    negative.set("fruits.model.intra-op-threads", "-1");
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ModelKeys.settings(negative));
    assertTrue(e.getMessage().contains("fruits.model.intra-op-threads"), e.getMessage());

    Configuration text = new Configuration(false);
    text.set("fruits.model.inter-op-threads", "many");
    e = assertThrows(InvalidConfigException.class, () -> ModelKeys.settings(text));
    assertTrue(e.getMessage().contains("fruits.model.inter-op-threads"), e.getMessage());
  }

  @Test
  void theDescriptorTravelsInTheConfiguration() {
    Configuration conf = new Configuration(false);
    ModelKeys.setDescriptor(conf, ModelDescriptorJsonTest.ZOO_POOLED);
    assertEquals(ModelDescriptorJsonTest.ZOO_POOLED, ModelKeys.descriptor(new Configuration(conf)));

    conf.set("fruits.model.descriptor", "{\"name\": \"m\"");
    ModelMismatchException e =
        assertThrows(ModelMismatchException.class, () -> ModelKeys.descriptor(conf));
    assertTrue(e.getMessage().startsWith(
        "model descriptor fruits.model.descriptor: not valid JSON"), e.getMessage());
  }

  @Test
  void aTaskWithoutADescriptorFailsNamingTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ModelKeys.descriptor(new Configuration(false)));
    assertTrue(e.getMessage().startsWith("fruits.model.descriptor is required"), e.getMessage());
  }
}
