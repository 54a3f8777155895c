package io.stow.cli.trigger;

import java.util.Locale;
import java.util.Optional;

/** The daemon's one word for a commit, as its badge shows it (the status JSON's {@code state}). */
public enum DeploymentState {
  /** The host runs the deployment of that commit. */
  RUNNING,
  /** The daemon is applying that commit now. */
  RECONCILING,
  /** That commit waits behind the reconcile in progress. */
  QUEUED,
  /** The host runs a deployment of another commit. */
  DIFFERENT,
  /** The last reconcile failed. */
  ERROR,
  /** The daemon cannot tell yet (e.g. it has not resolved the commit). */
  UNKNOWN;

  /** The word as the daemon writes it. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a word names; empty for a word this client does not know. */
  static Optional<DeploymentState> of(String word) {
    for (DeploymentState state : values()) {
      if (state.word().equals(word)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** Whether a reconcile of the commit is still to come or under way. */
  boolean pending() {
    return this == RECONCILING || this == QUEUED;
  }
}
