package io.stow.model;

import java.util.Map;
import java.util.Objects;

/** The container's log driver and its options. */
public record LoggingSpec(String driver, Map<String, String> options) {

  public LoggingSpec {
    Objects.requireNonNull(driver, "driver");
    options = Map.copyOf(options);
  }
}
