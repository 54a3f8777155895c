package io.stow.model.parse;

import io.stow.model.HealthcheckSpec;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.ScalarType;
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
    Optional<Binding> bound = c.nested("healthcheck", KEYS);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Binding h = bound.get();
    boolean disable = h.bool("disable", false);
    List<String> test = disable ? List.of("NONE") : test(h);
    if (test.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new HealthcheckSpec(
            test,
            h.duration("interval"),
            h.duration("timeout"),
            h.integer("retries", 0),
            h.duration("startPeriod"),
            disable));
  }

  private static List<String> test(Binding h) {
    Optional<YamlNode> node = h.node("test");
    if (node.isEmpty()) {
      h.problem("test", "is required unless disable: true");
      return List.of();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.type() == ScalarType.STRING) {
      return List.of("CMD-SHELL", scalar.text());
    }
    List<String> test = h.stringList("test");
    if (test.isEmpty() || !TEST_KINDS.contains(test.get(0))) {
      h.problem(
          "test",
          "must be a string (run by the shell) or a list starting with CMD, CMD-SHELL or NONE,"
              + " e.g. [\"CMD\", \"wget\", \"-q\", \"-O-\", \"http://127.0.0.1/\"]");
      return List.of();
    }
    return test;
  }
}
