package io.stow.daemon.notify;

import io.stow.daemon.schedule.RunListener;
import java.util.List;
import java.util.Objects;

/**
 * Sends each event to the targets that want it: classifies every run that ended ({@link
 * RunEvents}), takes {@code degraded} events from the {@link DegradationWatcher}, and queues each
 * notification with every subscribed target's worker. Queuing never waits, so delivery never delays
 * a run.
 */
public final class Notifier implements RunListener {

  /** A target's delivery and the worker thread that runs it. */
  record Target(TargetDelivery delivery, Worker<Notification> worker) {}

  private final RunEvents events;
  private final List<Target> targets;

  Notifier(RunEvents events, List<Target> targets) {
    this.events = Objects.requireNonNull(events, "events");
    this.targets = List.copyOf(targets);
  }

  @Override
  public void finished(Finished run) {
    events.of(run).ifPresent(this::publish);
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
