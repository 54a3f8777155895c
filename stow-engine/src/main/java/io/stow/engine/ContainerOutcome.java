package io.stow.engine;

import io.stow.engine.plan.ActionKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one container during an apply.
 *
 * @param error why it failed; empty unless {@code result} is {@link Result#FAILED}
 */
public record ContainerOutcome(
    String container, ActionKind action, Result result, Optional<String> error) {

  /** The result for one container. */
  public enum Result {
    /** Left alone: it already ran the desired deployment. */
    UNCHANGED,
    /** Created and started from the descriptor (after removing the old container, if any). */
    STARTED,
    /** Stopped and removed: the descriptor no longer declares it. */
    DELETED,
    /** The action failed; see {@code error}. */
    FAILED,
    /** The apply stopped before reaching this container. */
    NOT_REACHED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public ContainerOutcome {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
  }
}
