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
  private static final Set<String> TEST_KINDS = Set.of("CMD", "CMD-SHELL", "NONE");

  private HealthcheckBinder() {}

  static Optional<HealthcheckSpec> bind(Binding c) {
    Optional<Binding> bound = c.nested("healthcheck", KEYS, Unknown.ERROR);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Binding h = bound.get();
    boolean disable = h.bool("disable", false);
    List<String> test = disable ? List.of("NONE") : test(h);
    if (test.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new HealthcheckSpec(
              test,
              h.duration("interval"),
              h.duration("timeout"),
              h.integer("retries", 0),
              h.duration("startPeriod"),
              disable));
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
