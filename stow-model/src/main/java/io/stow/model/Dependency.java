package io.stow.model;

import java.util.Objects;

/**
 * A container that must reach a condition before another one starts (Compose's {@code depends_on}).
 *
 * @param container the name of the container depended on
 */
public record Dependency(String container, Condition condition) {

  /** What the dependency must reach. */
  public enum Condition {
    /** It was started. */
    STARTED("service_started"),
    /** Its healthcheck reports healthy. */
    HEALTHY("service_healthy"),
    /** It ran to completion with exit code 0. */
    COMPLETED_SUCCESSFULLY("service_completed_successfully");

    private final String text;

    Condition(String text) {
      this.text = text;
    }

    /** Compose's name for the condition. */
    public String text() {
      return text;
    }
  }

  public Dependency {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(condition, "condition");
  }
}
