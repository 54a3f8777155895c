package io.stow.daemon.schedule;

import io.stow.daemon.host.HostActions;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.schedule.SchedulerState.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Runs one thing at a time on the host, on {@code runner} (one dedicated thread in production):
 * first the rollback of an interrupted apply and a poll, then reconciles for triggers and a poll
 * every {@code pollInterval}. Triggers that arrive while a run is under way coalesce into at most
 * one follow-up reconcile, whose head is the latest one given. A poll reconciles when the branch
 * head moved since the running deployment and otherwise only repairs drift (no download), less and
 * less often while the repair keeps failing ({@link RepairBackoff}); a poll that comes while
 * something runs is dropped. Callers never wait: {@link #trigger} and {@link #poll} only record
 * what to do, and {@link #state()} is a lock-free read.
 */
public final class Scheduler implements AutoCloseable {

  /** What happened to a trigger. */
  public enum TriggerOutcome {
    /** A reconcile begins now. */
    STARTED,
    /** A reconcile runs: one follow-up reconcile will run after it. */
    QUEUED,
    /** The daemon is shutting down. */
    REFUSED
  }

  private enum Kind {
    START,
    TRIGGER,
    POLL
  }

  private record Job(Kind kind, Optional<String> head) {}

  private final Runs runs;
  private final Executor runner;
  private final PollTimer timer;
  private final Duration pollInterval;
  private final Clock clock;
  private final DaemonLog log;
  private final Object lock = new Object();
  private final Map<TriggerOutcome, LongAdder> triggers = new EnumMap<>(TriggerOutcome.class);
  private volatile SchedulerState state = SchedulerState.initial();
  // guarded by lock
  private boolean started;
  private boolean busy;
  private boolean followUp;
  private boolean closed;
  private PollTimer.Cancellable polls;

  public Scheduler(
      HostActions actions,
      HostStatusCache hosts,
      RevisionResolver resolver,
      Executor runner,
      PollTimer timer,
      Duration pollInterval,
      Clock clock,
      DaemonLog log,
      RunListener listener) {
    this.runs = new Runs(actions, hosts, resolver, clock, log, listener, pollInterval);
    this.runner = Objects.requireNonNull(runner, "runner");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    for (TriggerOutcome outcome : TriggerOutcome.values()) {
      triggers.put(outcome, new LongAdder());
    }
  }

  /** How many triggers had each outcome since the start; never blocks. */
  public Map<TriggerOutcome, Long> triggerCounts() {
    Map<TriggerOutcome, Long> counts = new EnumMap<>(TriggerOutcome.class);
    triggers.forEach((outcome, count) -> counts.put(outcome, count.sum()));
    return counts;
  }

  /** What runs and how the last run ended; never blocks. */
  public SchedulerState state() {
    return state;
  }

  /**
   * Starts: the rollback of an interrupted apply (after which the daemon is ready), then a poll,
   * then the follow-up of any trigger that came before; then a poll every {@code pollInterval}.
   */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException("the scheduler was started already");
      }
      started = true;
      busy = true;
      state = state.withPhase(Phase.STARTING, Optional.empty());
      polls = timer.every(pollInterval, this::poll);
    }
    submit(new Job(Kind.START, Optional.empty()));
  }

  /**
   * Asks for a reconcile of the branch head; {@code head} is the commit the caller expects there
   * (shown in the status as the active or queued head).
   */
  public TriggerOutcome trigger(Optional<String> head) {
    TriggerOutcome outcome = decide(head);
    triggers.get(outcome).increment();
    return outcome;
  }

  private TriggerOutcome decide(Optional<String> head) {
    Objects.requireNonNull(head, "head");
    synchronized (lock) {
      if (closed) {
        return TriggerOutcome.REFUSED;
      }
      if (busy || !started) {
        followUp = true;
        SchedulerState s = state;
        state = s.withQueue(true, head.isPresent() ? head : s.queuedHeadHash());
        return TriggerOutcome.QUEUED;
      }
      busy = true;
      state = state.withPhase(Phase.STARTING, head);
    }
    return submit(new Job(Kind.TRIGGER, head)) ? TriggerOutcome.STARTED : TriggerOutcome.REFUSED;
  }

  /** A poll tick: runs a poll unless something runs already (then it is dropped). */
  public boolean poll() {
    synchronized (lock) {
      if (closed || busy || !started) {
        return false;
      }
      busy = true;
      state = state.withPhase(Phase.STARTING, Optional.empty());
    }
    return submit(new Job(Kind.POLL, Optional.empty()));
  }

  /** Stops the polls and refuses new work; a run under way goes on (its executor decides). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (polls != null) {
        polls.cancel();
      }
    }
  }

  private boolean submit(Job job) {
    try {
      runner.execute(() -> loop(job));
      return true;
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        busy = false;
        followUp = false;
        state = state.withPhase(Phase.IDLE, Optional.empty()).withQueue(false, Optional.empty());
      }
      return false;
    }
  }

  private void loop(Job first) {
    Job job = first;
    while (job != null) {
      try {
        run(job);
      } catch (RuntimeException e) {
        log.error("bug: a " + job.kind() + " run ended with " + e);
      }
      job = next();
    }
  }

  /** The queued follow-up, or idle. */
  private Job next() {
    synchronized (lock) {
      if (followUp && !closed) {
        followUp = false;
        Optional<String> head = state.queuedHeadHash();
        state = state.withQueue(false, Optional.empty()).withPhase(Phase.STARTING, head);
        return new Job(Kind.TRIGGER, head);
      }
      busy = false;
      followUp = false;
      state = state.withQueue(false, Optional.empty()).withPhase(Phase.IDLE, Optional.empty());
      return null;
    }
  }

  private void run(Job job) {
    switch (job.kind()) {
      case START -> {
        publish(s -> s.withPhase(Phase.RECONCILING, Optional.empty()));
        runs.recover().ifPresent(this::finished);
        publish(SchedulerState::markReady);
        log.info("ready");
        pollRun();
      }
      case TRIGGER -> reconcile(job.head(), "trigger" + job.head().map(h -> " " + h).orElse(""));
      case POLL -> pollRun();
    }
  }

  private void pollRun() {
    publish(s -> s.withPhase(Phase.RECONCILING, Optional.empty()));
    Optional<String> head = runs.headToDeploy();
    if (head.isPresent()) {
      reconcile(head, "poll: the branch head moved to " + head.get());
    } else {
      runs.repair(clock.instant()).ifPresent(this::finished);
    }
  }

  private void reconcile(Optional<String> head, String why) {
    Instant start = clock.instant();
    publish(s -> s.withPhase(Phase.RECONCILING, head).started(start));
    finished(runs.reconcile(why, start));
  }

  private void finished(Runs.Outcome outcome) {
    publish(s -> s.finished(outcome.startedAt(), outcome.finishedAt(), outcome.error()));
  }

  private void publish(UnaryOperator<SchedulerState> change) {
    synchronized (lock) {
      state = change.apply(state);
    }
  }
}
