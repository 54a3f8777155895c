package io.stow.daemon.status;

import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.schedule.SchedulerState;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer of the status endpoint and the badge: the scheduler's state and the host reading it
 * was computed from, the requested commit, what it resolved to, and the two words.
 *
 * @param unknownReason why the expected hash is unknown, when it is and it matters
 */
public record StatusView(
    SchedulerState scheduler,
    HostStatusCache.Reading host,
    Optional<String> requestedHeadHash,
    Optional<String> expectedHash,
    String statusLabel,
    BadgeState state,
    Optional<String> unknownReason) {

  public StatusView {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(requestedHeadHash, "requestedHeadHash");
    Objects.requireNonNull(expectedHash, "expectedHash");
    Objects.requireNonNull(statusLabel, "statusLabel");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(unknownReason, "unknownReason");
  }

  /** The running deployment hash, if anything runs. */
  public Optional<String> currentHash() {
    return host.status().deploymentHash();
  }
}
