package io.stow.model;

import java.util.Map;
import java.util.Objects;

/**
 * The container's log driver and its options, checked as Docker checks them (see {@link
 * LogDrivers}). A driver Docker does not ship is taken as a plugin name; {@link #builtIn()} tells
 * which, so the engine can check that the host has the plugin.
 */
public record LoggingSpec(String driver, Map<String, String> options) {

  public LoggingSpec {
    Objects.requireNonNull(driver, "driver");
    options = Map.copyOf(options);
    LogDrivers.check(driver, options);
  }

  /** Whether Docker ships this driver; otherwise it is a plugin the host must have. */
  public boolean builtIn() {
    return LogDrivers.isBuiltIn(driver);
  }
}
