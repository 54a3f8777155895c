package io.stow.daemon.dashboard;

import io.stow.daemon.status.RecentRun;
import io.stow.engine.HostStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Since when the host runs its deployment: the end of the newest kept run that changed what runs,
 * when that run left the running hash; else (the daemon restarted since, or runs scrolled out) the
 * earliest start of its containers, which is a lower bound only.
 */
final class DeployedSince {

  /**
   * @param exact whether {@code at} is when the deployment began, or when its containers started
   */
  record Since(Instant at, boolean exact) {}

  private DeployedSince() {}

  static Optional<Since> of(HostStatus host, List<RecentRun> newestFirst) {
    if (host.deploymentHash().isEmpty()) {
      return Optional.empty();
    }
    for (RecentRun run : newestFirst) {
      if (run.left().isPresent()) {
        if (run.left().equals(host.deploymentHash())) {
          return Optional.of(new Since(run.finishedAt(), true));
        }
        break;
      }
    }
    return host.containers().stream()
        .flatMap(c -> c.startedAt().stream())
        .min(Instant::compareTo)
        .map(at -> new Since(at, false));
  }
}
