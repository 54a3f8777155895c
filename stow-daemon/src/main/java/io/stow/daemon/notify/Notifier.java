package io.stow.daemon.notify;

import io.stow.daemon.schedule.RunListener;
import io.stow.model.config.NotifyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sends each event to the targets that want it: classifies every run that ended ({@link
 * RunEvents}), takes {@code degraded} events from the {@link DegradationWatcher}, and queues each
 * notification with every subscribed target's worker. Queuing never waits, so delivery never delays
 * a run.
 *
 * <p>A drift repair that fails as the run before it did (the same event: the host still needs an
 * operator after a failed rollback, the engine is still down) is not told again: every poll
 * repairs, and a host left broken would otherwise page someone at each poll. A run that does not
 * fail, or a poll that finds nothing to repair, ends the streak.
 */
public final class Notifier implements RunListener {

  /** A target's delivery and the worker thread that runs it. */
  record Target(TargetDelivery delivery, Worker<Notification> worker) {}

  private static final Set<NotifyEvent> FAILURES =
      Set.of(NotifyEvent.FAILED, NotifyEvent.ROLLBACK_FAILED);

  private final RunEvents events;
  private final List<Target> targets;

  /** The event of the last run when it failed, until a run does not fail or nothing drifted. */
  private Optional<NotifyEvent> failing = Optional.empty();

  Notifier(RunEvents events, List<Target> targets) {
    this.events = Objects.requireNonNull(events, "events");
    this.targets = List.copyOf(targets);
  }

  @Override
  public void finished(Finished run) {
    Optional<Notification> notification = events.of(run);
    Optional<NotifyEvent> event = notification.map(Notification::event).filter(FAILURES::contains);
    boolean repeated;
    synchronized (this) {
      repeated = run.kind() == Kind.REPAIR && event.isPresent() && event.equals(failing);
      failing = event;
    }
    if (!repeated) {
      notification.ifPresent(this::publish);
    }
  }

  @Override
  public synchronized void nothingDrifted(Instant at) {
    failing = Optional.empty();
  }

  /** Queues {@code n} for every target that wants its event. */
  public void publish(Notification n) {
    for (Target target : targets) {
      if (target.delivery().wants(n)) {
        target.worker().offer(n).ifPresent(target.delivery()::dropped);
      }
    }
  }
}
