package io.stow.daemon.notify;

import io.stow.daemon.schedule.RunListener;
import io.stow.engine.EngineEvents;
import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.StepName;
import io.stow.model.config.NotifyEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sees every host status reading (start-up, polls, status requests, after each run) and tells when
 * a running container of the deployment restarted (its restart count grew) or turned unhealthy
 * since the reading before: the {@code degraded} event. Only between runs: readings taken while a
 * run changes the host (from its first apply or rollback step to its end) only become the new
 * baseline, since a failed verification is told as its own event. Each container is told about at
 * most once per deployment until the next run ends, so a crash loop is one notification, not one
 * per poll.
 */
public final class DegradationWatcher implements EngineEvents, RunListener {

  private static final Set<StepName> CHANGING =
      Set.of(StepName.SNAPSHOT, StepName.APPLY, StepName.RESTORE, StepName.REMOVE_FAILED);

  private final String host;
  private final String folder;
  private final DeploymentFacts facts;
  private final Clock clock;
  private final Consumer<Notification> sink;
  private final Set<String> told = new HashSet<>();
  private HostStatus last;
  private Instant lastAt;
  private boolean changing;

  public DegradationWatcher(
      String host, String folder, DeploymentFacts facts, Clock clock, Consumer<Notification> sink) {
    this.host = Objects.requireNonNull(host, "host");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** {@code reader}, with every reading it makes seen by this watcher. */
  public Supplier<HostStatus> watching(Supplier<HostStatus> reader) {
    return () -> {
      HostStatus status = reader.get();
      observe(status);
      return status;
    };
  }

  @Override
  public synchronized void on(ReconcileEvent event) {
    if (event instanceof ReconcileEvent.StepStarted s && CHANGING.contains(s.step())
        || event instanceof ReconcileEvent.RollbackStarted) {
      changing = true;
    }
  }

  @Override
  public synchronized void finished(Finished run) {
    changing = false;
    told.clear();
  }

  /** Compares a reading with the one before; tells {@code degraded} when containers degraded. */
  void observe(HostStatus now) {
    Optional<Notification> notification;
    synchronized (this) {
      Instant at = clock.instant();
      HostStatus before = last;
      Instant since = lastAt;
      last = now;
      lastAt = at;
      if (before == null || changing) {
        return;
      }
      notification = compare(before, since, now, at);
    }
    notification.ifPresent(sink);
  }

  private Optional<Notification> compare(
      HostStatus before, Instant since, HostStatus now, Instant at) {
    Map<String, HostStatus.Container> previous =
        before.containers().stream()
            .collect(
                Collectors.toMap(HostStatus.Container::name, Function.identity(), (a, b) -> a));
    List<Notification.ContainerLine> lines = new ArrayList<>();
    for (HostStatus.Container c : now.containers()) {
      HostStatus.Container p = previous.get(c.name());
      if (p == null || !p.hashLabel().equals(c.hashLabel())) {
        continue; // new or replaced: a run's business, not a degradation
      }
      Optional<Notification.ContainerLine> line = degradation(p, c);
      if (line.isPresent() && told.add(c.name() + "@" + c.hashLabel().orElse(""))) {
        lines.add(line.get());
      }
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String reason =
        lines.stream()
            .map(l -> l.name() + " " + l.detail().orElse(l.result()))
            .collect(Collectors.joining("; "));
    return Optional.of(
        new Notification(
            NotifyEvent.DEGRADED,
            host,
            folder,
            now.deploymentName().or(facts::name),
            now.revision(),
            now.deploymentHash(),
            Optional.empty(),
            "status",
            "degraded",
            Optional.of(reason),
            Optional.empty(),
            lines,
            since,
            at,
            facts.links(now.revision())));
  }

  private static Optional<Notification.ContainerLine> degradation(
      HostStatus.Container before, HostStatus.Container now) {
    if (now.restartCount() > before.restartCount()) {
      int times = now.restartCount() - before.restartCount();
      return Optional.of(
          new Notification.ContainerLine(
              now.name(),
              Optional.empty(),
              "restarted",
              Optional.of(
                  "restarted "
                      + (times == 1 ? "once" : times + " times")
                      + " (restart count "
                      + now.restartCount()
                      + ", now "
                      + now.state()
                      + ")")));
    }
    boolean unhealthy = now.health().filter("unhealthy"::equals).isPresent();
    if (unhealthy && before.health().filter("unhealthy"::equals).isEmpty()) {
      return Optional.of(
          new Notification.ContainerLine(
              now.name(),
              Optional.empty(),
              "unhealthy",
              Optional.of("turned unhealthy (its health check fails)")));
    }
    return Optional.empty();
  }
}
