package io.stow.model;

import java.util.Objects;
import java.util.Set;

/**
 * A resource limit as {@code docker run --ulimit} takes it: one of the limits Docker knows, a soft
 * and a hard value, the soft one not above the hard one ({@code -1} for unlimited).
 *
 * @param name e.g. {@code nofile}, {@code nproc}, {@code memlock}
 */
public record Ulimit(String name, long soft, long hard) {

  /** The limits Docker accepts (go-units' ulimit names). */
  public static final Set<String> NAMES =
      Set.of(
          "core",
          "cpu",
          "data",
          "fsize",
          "locks",
          "memlock",
          "msgqueue",
          "nice",
          "nofile",
          "nproc",
          "rss",
          "rtprio",
          "rttime",
          "sigpending",
          "stack");

  public Ulimit {
    Objects.requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a ulimit Docker knows; use one of "
              + new java.util.TreeSet<>(NAMES));
    }
    if (soft < -1 || hard < -1) {
      throw new IllegalArgumentException(
          "ulimit " + name + " must not be negative (-1 means unlimited)");
    }
    if (hard != -1 && (soft == -1 || soft > hard)) {
      throw new IllegalArgumentException(
          "ulimit " + name + ": the soft limit " + soft + " is above the hard limit " + hard);
    }
  }

  @Override
  public String toString() {
    return name + "=" + soft + ":" + hard;
  }
}
