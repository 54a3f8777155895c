package io.stow.model.parse;

import io.stow.model.HealthcheckSpec;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.ScalarNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds a container's {@code healthcheck} with Compose semantics. */
final class HealthcheckBinder {

  private static final Set<String> KEYS =
      Set.of("test", "interval", "timeout", "retries", "startPeriod", "disable");
  private static final Set<String> COMPOSE_KEYS =
      Set.of("test", "interval", "timeout", "retries", "start_period", "disable");
  private static final Set<String> TEST_KINDS = Set.of("CMD", "CMD-SHELL", "NONE");

  private HealthcheckBinder() {}

  /** stow.yaml's {@code healthcheck}: camelCase keys, durations such as {@code 20s}. */
  static Optional<HealthcheckSpec> bind(Binding c) {
    return c.nested("healthcheck", KEYS, Unknown.ERROR)
        .flatMap(
            h ->
                spec(
                    h,
                    h.duration("interval"),
                    h.duration("timeout"),
                    h.duration("startPeriod"),
                    false));
  }

  /**
   * A Compose service's {@code healthcheck}: snake_case keys, Go durations such as {@code 1.5s}.
   */
  static Optional<HealthcheckSpec> bindCompose(Binding c) {
    return c.nested("healthcheck", COMPOSE_KEYS, Unknown.COMPOSE)
        .flatMap(
            h ->
                spec(
                    h,
                    h.goDuration("interval"),
                    h.goDuration("timeout"),
                    h.goDuration("start_period"),
                    true));
  }

  private static Optional<HealthcheckSpec> spec(
      Binding h,
      Optional<java.time.Duration> interval,
      Optional<java.time.Duration> timeout,
      Optional<java.time.Duration> startPeriod,
      boolean noneDisables) {
    boolean disable = h.bool("disable", false);
    List<String> test = disable ? List.of("NONE") : test(h);
    if (test.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new HealthcheckSpec(
              test,
              interval,
              timeout,
              h.integer("retries", 0),
              startPeriod,
              // Compose treats test: ["NONE"] as disable: true
              disable || noneDisables && test.equals(List.of("NONE"))));
    } catch (IllegalArgumentException e) {
      h.problem(e.getMessage());
      return Optional.empty();
    }
  }

  private static List<String> test(Binding h) {
    Optional<YamlNode> node = h.node("test");
    if (node.isEmpty() || Binding.isNull(node.get())) {
      h.problem("test", "is required unless disable: true");
      return List.of();
    }
    if (node.get() instanceof ScalarNode scalar) {
      if (scalar.text().isBlank()) {
        h.problem("test", "must not be empty");
        return List.of();
      }
      return List.of("CMD-SHELL", scalar.text());
    }
    List<String> test = h.stringList("test");
    String hint =
        " e.g. [\"CMD\", \"wget\", \"-q\", \"-O-\", \"http://127.0.0.1/\"] or"
            + " [\"CMD-SHELL\", \"curl -f http://127.0.0.1/\"]";
    if (test.isEmpty() || !TEST_KINDS.contains(test.get(0))) {
      h.problem(
          "test",
          "must be a string (run by the shell) or a list starting with CMD, CMD-SHELL or NONE,"
              + hint);
      return List.of();
    }
    if (test.get(0).equals("CMD") && test.size() < 2
        || test.get(0).equals("CMD-SHELL") && test.size() != 2
        || test.get(0).equals("NONE") && test.size() != 1) {
      h.problem(
          "test",
          "CMD takes the command and its arguments, CMD-SHELL exactly one shell command, NONE"
              + " nothing;"
              + hint);
      return List.of();
    }
    return test;
  }
}
