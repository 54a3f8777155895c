package io.stow.model.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a notification tells: how a run ended, or that a container degraded between runs. */
public enum NotifyEvent {
  /** A reconcile changed the host and the new deployment passed verification. */
  DEPLOYED,
  /** A run failed before it changed the host, or its failure left nothing to roll back. */
  FAILED,
  /** A new deployment failed and the host was rolled back (also an interrupted apply at start). */
  ROLLED_BACK,
  /** A new deployment failed and so did its rollback: the host needs an operator. */
  ROLLBACK_FAILED,
  /** A poll found a container gone or stopped and brought it back. */
  DRIFT_REPAIRED,
  /** A running container turned unhealthy or restarted between runs. */
  DEGRADED,
  /** The event {@code stow notify-test} sends; targets cannot subscribe to it. */
  TEST;

  /** {@code rolled-back}: the name in configuration and payloads. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The event of a label, if it is one. */
  public static Optional<NotifyEvent> of(String label) {
    return Arrays.stream(values()).filter(e -> e.label().equals(label)).findFirst();
  }

  /** Every event a target may list under {@code events} (all but {@link #TEST}). */
  public static Set<NotifyEvent> subscribable() {
    return EnumSet.complementOf(EnumSet.of(TEST));
  }
}
