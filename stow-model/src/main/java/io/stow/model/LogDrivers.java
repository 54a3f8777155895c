package io.stow.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The log drivers Docker ships and the options each accepts, as the daemon checks them when it
 * creates a container and when the container's logger starts. Any other driver name must look like
 * a plugin reference ({@code name} or {@code repo/name:tag}); whether the host has it is a host
 * fact the engine checks before it changes anything.
 */
public final class LogDrivers {

  private static final Set<String> ATTRIBUTES =
      Set.of("env", "env-regex", "labels", "labels-regex");
  private static final Set<String> ROTATING =
      union(Set.of("max-size", "max-file", "compress", "tag"));

  /** Built-in drivers (Linux, current Docker) and their own option keys. */
  static final Map<String, Set<String>> BUILT_IN =
      Map.of(
          "json-file", ROTATING,
          "local", ROTATING,
          "journald", union(Set.of("tag")),
          "syslog",
              union(
                  Set.of(
                      "tag",
                      "syslog-address",
                      "syslog-facility",
                      "syslog-tls-ca-cert",
                      "syslog-tls-cert",
                      "syslog-tls-key",
                      "syslog-tls-skip-verify",
                      "syslog-format")),
          "gelf",
              union(
                  Set.of(
                      "tag",
                      "gelf-address",
                      "gelf-compression-level",
                      "gelf-compression-type",
                      "gelf-tcp-max-reconnect",
                      "gelf-tcp-reconnect-delay")),
          "fluentd",
              union(
                  Set.of(
                      "tag",
                      "fluentd-address",
                      "fluentd-async",
                      "fluentd-async-reconnect-interval",
                      "fluentd-buffer-limit",
                      "fluentd-max-retries",
                      "fluentd-request-ack",
                      "fluentd-retry-wait",
                      "fluentd-sub-second-precision",
                      "fluentd-write-timeout",
                      "fluentd-read-timeout")),
          "awslogs",
              Set.of(
                  "tag",
                  "awslogs-region",
                  "awslogs-endpoint",
                  "awslogs-group",
                  "awslogs-stream",
                  "awslogs-create-group",
                  "awslogs-create-stream",
                  "awslogs-datetime-format",
                  "awslogs-multiline-pattern",
                  "awslogs-credentials-endpoint",
                  "awslogs-force-flush-interval-seconds",
                  "awslogs-max-buffered-events",
                  "awslogs-format"),
          "splunk",
              union(
                  Set.of(
                      "tag",
                      "splunk-url",
                      "splunk-token",
                      "splunk-source",
                      "splunk-sourcetype",
                      "splunk-index",
                      "splunk-capath",
                      "splunk-caname",
                      "splunk-insecureskipverify",
                      "splunk-format",
                      "splunk-verify-connection",
                      "splunk-gzip",
                      "splunk-gzip-level",
                      "splunk-index-acknowledgment")),
          "gcplogs",
              union(
                  Set.of(
                      "gcp-project",
                      "gcp-log-cmd",
                      "gcp-meta-zone",
                      "gcp-meta-name",
                      "gcp-meta-id")));

  /** Options the daemon accepts for every driver (buffering and the local read cache). */
  private static final Set<String> COMMON =
      Set.of(
          "mode",
          "max-buffer-size",
          "cache-disabled",
          "cache-max-size",
          "cache-max-file",
          "cache-compress");

  private static final Pattern PLUGIN =
      Pattern.compile(
          "[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");
  private static final Pattern HUMAN_SIZE =
      Pattern.compile("[0-9]+(\\.[0-9]+)? ?([kKmMgGtTpP][iI]?[bB]?|[bB])?");
  private static final Pattern COUNT = Pattern.compile("\\+?[0-9]{1,9}");
  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

  private LogDrivers() {}

  /** The drivers Docker ships, for messages: {@code awslogs, fluentd, ..., none}. */
  public static String builtInNames() {
    return String.join(", ", new TreeSet<>(BUILT_IN.keySet())) + ", none";
  }

  /** Whether Docker ships this driver (or it is {@code none}). */
  public static boolean isBuiltIn(String driver) {
    return driver.equals("none") || BUILT_IN.containsKey(driver);
  }

  /**
   * Checks a driver and its options.
   *
   * @throws IllegalArgumentException naming the driver or option and what Docker accepts
   */
  static void check(String driver, Map<String, String> options) {
    if (driver.equals("none")) {
      return; // Docker ignores options for none
    }
    Set<String> keys = BUILT_IN.get(driver);
    if (keys == null) {
      if (!PLUGIN.matcher(driver).matches()) {
        throw new IllegalArgumentException(
            "logging driver '"
                + driver
                + "' is neither a driver Docker ships ("
                + builtInNames()
                + ") nor a plugin name such as name:tag");
      }
      return; // a plugin checks its own options
    }
    for (String key : options.keySet()) {
      if (!keys.contains(key) && !COMMON.contains(key)) {
        throw new IllegalArgumentException(
            "logging option '"
                + key
                + "' is not an option of the "
                + driver
                + " driver; it takes "
                + String.join(", ", new TreeSet<>(keys)));
      }
    }
    checkCommon(options);
    switch (driver) {
      case "json-file", "local" -> checkRotation(driver, options);
      case "gelf" -> required(driver, options, "gelf-address");
      case "awslogs" -> required(driver, options, "awslogs-group");
      default -> {}
    }
  }

  private static void checkCommon(Map<String, String> options) {
    String mode = options.getOrDefault("mode", "");
    if (!mode.isEmpty() && !mode.equals("blocking") && !mode.equals("non-blocking")) {
      throw new IllegalArgumentException(
          "logging option mode '" + mode + "' must be blocking or non-blocking");
    }
    if (options.containsKey("max-buffer-size")) {
      if (!mode.equals("non-blocking")) {
        throw new IllegalArgumentException(
            "logging option max-buffer-size needs mode: non-blocking");
      }
      MemorySize.bytesOf(options.get("max-buffer-size"));
    }
    String disabled = options.get("cache-disabled");
    if (disabled != null && !disabled.isEmpty() && !GO_BOOLEANS.contains(disabled)) {
      throw new IllegalArgumentException("logging option cache-disabled must be true or false");
    }
  }

  private static void checkRotation(String driver, Map<String, String> options) {
    String size = options.get("max-size");
    if (size != null && (!HUMAN_SIZE.matcher(size).matches() || size.matches("[0.]+.*"))) {
      throw new IllegalArgumentException(
          "logging option max-size '" + size + "' must be a positive size such as 10m");
    }
    String files = options.get("max-file");
    int count = 1;
    if (files != null) {
      if (!COUNT.matcher(files).matches() || Integer.parseInt(files) < 1) {
        throw new IllegalArgumentException(
            "logging option max-file '" + files + "' must be a whole number of at least 1");
      }
      count = Integer.parseInt(files);
    }
    String compress = options.get("compress");
    if (compress != null) {
      if (!GO_BOOLEANS.contains(compress)) {
        throw new IllegalArgumentException("logging option compress must be true or false");
      }
      boolean on = Set.of("1", "t", "T", "TRUE", "true", "True").contains(compress);
      if (on && (count < 2 || size == null && driver.equals("json-file"))) {
        throw new IllegalArgumentException(
            "logging option compress needs max-file of 2 or more"
                + (driver.equals("json-file") ? " and max-size" : ""));
      }
    }
  }

  private static void required(String driver, Map<String, String> options, String key) {
    if (options.getOrDefault(key, "").isEmpty()) {
      throw new IllegalArgumentException(
          "the " + driver + " logging driver needs the option " + key);
    }
  }

  private static Set<String> union(Set<String> own) {
    Set<String> all = new TreeSet<>(own);
    all.addAll(ATTRIBUTES);
    return Set.copyOf(all);
  }
}
