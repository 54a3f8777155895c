package io.stow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named Docker volume of a deployment: created (with stow's labels) before the containers that
 * mount it, and never removed by stow, so its data survives every redeploy. An {@code external}
 * volume must exist already and is only mounted.
 *
 * @param name the Docker volume name
 * @param driver the volume driver, {@code local} unless a plugin is named
 * @param driverOptions options for the driver (e.g. {@code type}, {@code o}, {@code device})
 */
public record NamedVolumeSpec(
    String name,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels,
    boolean external) {

  /** Docker's rule for volume names. */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  public NamedVolumeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a valid volume name; Docker takes at least two of letters, digits, '_',"
              + " '.', '-', starting with a letter or digit");
    }
    if (driver.isBlank()) {
      throw new IllegalArgumentException("a volume driver must not be empty");
    }
    driverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(driverOptions));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }
}
