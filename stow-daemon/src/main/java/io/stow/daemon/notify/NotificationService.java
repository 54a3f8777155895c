package io.stow.daemon.notify;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.metrics.NotificationStats;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.EngineEvents;
import io.stow.engine.HostStatus;
import io.stow.engine.Sleeper;
import io.stow.model.config.Notifications;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Everything the daemon tells others, wired once: a worker thread and queue per {@code notify}
 * target, the {@link Notifier} and {@link DegradationWatcher} that feed them, and, with {@code
 * commitStatus}, the {@link CommitStatusReporter} and its worker. Token files are read here, at
 * start. {@link #close} gives queued notifications a grace period, then stops the threads.
 */
public final class NotificationService implements AutoCloseable {

  /** Where this host's events come from and go, beside the configuration. */
  public record Context(
      String host,
      String folder,
      Optional<CommitStatusReporter.StatusPoster> statuses,
      Supplier<Optional<String>> statusRef,
      HttpPoster poster,
      NotifySettings settings,
      Clock clock,
      DaemonLog log) {
    public Context {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(statuses, "statuses");
      Objects.requireNonNull(statusRef, "statusRef");
      Objects.requireNonNull(poster, "poster");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(log, "log");
    }
  }

  private final DeploymentFacts facts = new DeploymentFacts();
  private final NotificationCounters counters = new NotificationCounters();
  private final List<Worker<?>> workers = new ArrayList<>();
  private final List<RunListener> listeners = new ArrayList<>();
  private final List<EngineEvents> events = new ArrayList<>();
  private final AtomicBoolean seeded = new AtomicBoolean();
  private final Context context;
  private final DegradationWatcher watcher;

  private NotificationService(Notifications config, Context context) {
    this.context = context;
    List<Notifier.Target> targets = new ArrayList<>();
    Sender sender =
        new Sender(
            context.poster(),
            context.settings(),
            Sleeper.SYSTEM,
            () -> ThreadLocalRandom.current().nextDouble(),
            context.clock());
    for (NotifyTarget target : config.targets()) {
      Optional<Secret> token = TokenFiles.read(target);
      TargetDelivery delivery =
          new TargetDelivery(
              target, token, sender, context.settings().maxAttempts(), counters, context.log());
      Worker<Notification> worker =
          new Worker<>(
              "stow-notify-" + target.name(),
              context.settings().queueCapacity(),
              delivery::deliver);
      workers.add(worker);
      targets.add(new Notifier.Target(delivery, worker));
    }
    Notifier notifier =
        new Notifier(new RunEvents(context.host(), context.folder(), facts), targets);
    watcher =
        new DegradationWatcher(
            context.host(), context.folder(), facts, context.clock(), notifier::publish);
    listeners.add(notifier);
    listeners.add(watcher);
    events.add(watcher);
    if (config.commitStatus() && context.statuses().isPresent()) {
      CommitStatusReporter[] reporter = new CommitStatusReporter[1];
      Worker<CommitStatusReporter.Update> worker =
          new Worker<>(
              "stow-commit-status",
              context.settings().queueCapacity(),
              update -> reporter[0].post(update));
      reporter[0] =
          new CommitStatusReporter(
              context.folder(),
              facts,
              context.statuses().get(),
              context.statusRef(),
              counters,
              context.log(),
              worker::offer);
      workers.add(worker);
      listeners.add(reporter[0]);
      events.add(reporter[0]);
    }
    workers.forEach(Worker::start);
  }

  /**
   * Reads the token files and starts a worker per target.
   *
   * @throws NotifyException when a token file cannot be used
   */
  public static NotificationService start(Notifications config, Context context) {
    return new NotificationService(config, context);
  }

  /** What hears every run's start and end: notifications, degradation, commit statuses. */
  public List<RunListener> runListeners() {
    return List.copyOf(listeners);
  }

  /** What hears the engine's events during runs. */
  public EngineEvents engineEvents() {
    List<EngineEvents> all = List.copyOf(events);
    return event -> {
      for (EngineEvents listener : all) {
        try {
          listener.on(event);
        } catch (RuntimeException e) {
          // one listener's failure must not keep the event from the others
        }
      }
    };
  }

  /**
   * {@code reader}, with every reading seen for degradation; the first also teaches the running
   * deployment's name and base URL.
   */
  public Supplier<HostStatus> watching(Supplier<HostStatus> reader) {
    Supplier<HostStatus> watched = watcher.watching(reader);
    return () -> {
      HostStatus status = watched.get();
      if (seeded.compareAndSet(false, true)) {
        facts.seed(status.snapshot());
      }
      return status;
    };
  }

  /** The counters of {@code stow_notifications_total{target,result}} in {@code /metrics}. */
  public NotificationStats stats() {
    return counters;
  }

  /** Gives queued notifications {@link NotifySettings#closeGrace()} to go out, then stops. */
  @Override
  public void close() {
    Instant deadline = context.clock().instant().plus(context.settings().closeGrace());
    for (Worker<?> worker : workers) {
      Duration left = Duration.between(context.clock().instant(), deadline);
      worker.close(left.isNegative() ? Duration.ZERO : left);
    }
    if (context.poster() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing idle connections cannot fail in a way worth reporting at shutdown
      }
    }
  }
}
