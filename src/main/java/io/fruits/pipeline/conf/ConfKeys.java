package io.fruits.pipeline.conf;

import java.util.List;

/** Configuration keys of the job plumbing itself, set by the driver for its tasks. */
public final class ConfKeys {

  public static final ConfigKey FILES_IN_PLACE = ConfigKey.forTasks("fruits.conf.files-in-place",
      "the local runner's job files its tasks read where they are, not from a cached copy");

  public static final List<ConfigKey> ALL = List.of(FILES_IN_PLACE);

  private ConfKeys() {}
}
