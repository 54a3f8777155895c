package io.stow.model.config;

import java.util.List;

/**
 * What the daemon tells others about its runs ({@code notify} and {@code commitStatus} in the
 * daemon configuration).
 *
 * @param targets where notifications go, in configuration order; names are unique
 * @param commitStatus whether each reconcile reports on its commit through GitLab's commit status
 *     API (GitLab hosts only)
 */
public record Notifications(List<NotifyTarget> targets, boolean commitStatus) {

  /** Nothing is sent anywhere. */
  public static final Notifications NONE = new Notifications(List.of(), false);

  public Notifications {
    targets = List.copyOf(targets);
    if (targets.stream().map(NotifyTarget::name).distinct().count() != targets.size()) {
      throw new IllegalArgumentException("notification target names must be unique");
    }
  }

  /** Whether anything is to be sent. */
  public boolean any() {
    return commitStatus || !targets.isEmpty();
  }

  @Override
  public String toString() {
    return "Notifications[targets=" + targets + ", commitStatus=" + commitStatus + "]";
  }
}
