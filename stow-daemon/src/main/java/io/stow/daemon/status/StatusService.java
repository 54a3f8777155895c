package io.stow.daemon.status;

import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.Resolution;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.HostStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers "does the host run this commit?" without holding anyone up. What is known answers at
 * once: the running commit (from the running snapshot's revision), the active and queued triggers,
 * and commits in the resolver's cache. Anything else waits for the resolver, which bounds the
 * downloads; the words are computed from the scheduler's state when the answer is ready.
 */
public final class StatusService {

  private final Scheduler scheduler;
  private final HostStatusCache hosts;
  private final RevisionResolver resolver;

  public StatusService(Scheduler scheduler, HostStatusCache hosts, RevisionResolver resolver) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** The status without a requested commit; never waits for a resolution. */
  public StatusView current() {
    return view(Optional.empty(), Optional.empty());
  }

  /**
   * The status of {@code commit} (40 or 64 lower-case hex characters); completed at once unless the
   * commit must be resolved.
   */
  public CompletableFuture<StatusView> of(String commit) {
    Objects.requireNonNull(commit, "commit");
    HostStatus running = hosts.current().status();
    if (running.revision().filter(commit::equals).isPresent()
        && running.deploymentHash().isPresent()) {
      return CompletableFuture.completedFuture(
          view(
              Optional.of(commit),
              Optional.of(Resolution.known(commit, running.deploymentHash().get()))));
    }
    SchedulerState s = scheduler.state();
    Optional<String> wanted = Optional.of(commit);
    boolean triggered =
        s.activeHeadHash().equals(wanted) || (s.queued() && s.queuedHeadHash().equals(wanted));
    if (triggered) {
      return CompletableFuture.completedFuture(view(wanted, resolver.cached(commit)));
    }
    return resolver.resolve(commit).thenApply(r -> view(wanted, Optional.of(r)));
  }

  /** The status of {@code commit} when its resolution took too long: unknown, with the reason. */
  public StatusView unresolved(String commit, String reason) {
    return view(Optional.of(commit), Optional.of(Resolution.unknown(commit, reason)));
  }

  private StatusView view(Optional<String> requested, Optional<Resolution> resolution) {
    SchedulerState s = scheduler.state();
    HostStatusCache.Reading host = hosts.current();
    Optional<String> current = host.status().deploymentHash();
    Optional<String> expected = resolution.flatMap(Resolution::deploymentHash);
    BadgeState state = StatusLabels.state(s, current, requested, expected);
    return new StatusView(
        s,
        host,
        requested,
        expected,
        StatusLabels.label(s, current, requested, expected),
        state,
        state == BadgeState.UNKNOWN ? resolution.flatMap(Resolution::reason) : Optional.empty());
  }
}
