package io.stow.daemon.status;

import java.util.Locale;

/**
 * The word the badge shows for a commit, and the {@code state} field of the status: whether the
 * host runs what the commit describes.
 */
public enum BadgeState {
  /** The host runs what the commit describes. */
  RUNNING("#4c1"),
  /** A reconcile for the commit runs now. */
  RECONCILING("#dfb317"),
  /** A reconcile for the commit waits behind the one that runs. */
  QUEUED("#fe7d37"),
  /** The host runs something else, and its last run succeeded. */
  DIFFERENT("#fe7d37"),
  /** The host runs something else, and its last run failed. */
  ERROR("#e05d44"),
  /** The daemon cannot tell (yet): the commit could not be resolved. */
  UNKNOWN("#9f9f9f");

  private final String color;

  BadgeState(String color) {
    this.color = color;
  }

  /** {@code running}, {@code reconciling}, ... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The badge's colour, as shields.io uses it. */
  public String color() {
    return color;
  }
}
