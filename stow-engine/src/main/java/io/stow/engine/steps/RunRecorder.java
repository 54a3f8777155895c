package io.stow.engine.steps;

import io.stow.engine.BuildReport;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.VerificationReport;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.model.DeploymentHashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects one run's report as the steps go, times the steps and forwards events. Mutable and
 * confined to the reconciling thread; {@link #build} freezes it into a {@link ReconcileReport}.
 */
final class RunRecorder {

  private final ReconcileMode mode;
  private final Clock clock;
  private final EngineEvents events;
  private final Instant startedAt;
  private final Map<String, Duration> durations = new LinkedHashMap<>();
  private final Map<String, ContainerOutcome> containers = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<BuildReport> builds = new ArrayList<>();
  private String deploymentName;
  private String revision;
  private DeploymentHashes hashes;
  private String runningHash;
  private RedactedDescriptor desired;
  private Plan plan;
  private VerificationReport verification;
  private RollbackReport rollback;
  private RollbackReport recovery;
  private String failure;

  RunRecorder(ReconcileMode mode, Clock clock, EngineEvents events) {
    this.mode = mode;
    this.clock = clock;
    this.events = events;
    this.startedAt = clock.instant();
  }

  /** Runs one step of the forward path: emits start and finish events, records its duration. */
  <I, O> O step(Step<I, O> step, I input) throws Exception {
    return run(step, input, false);
  }

  /** Runs one step of a rollback; its events and duration carry {@code rollback.} names. */
  <I, O> O rollbackStep(Step<I, O> step, I input) throws Exception {
    return run(step, input, true);
  }

  private <I, O> O run(Step<I, O> step, I input, boolean rollback) throws Exception {
    emit(new ReconcileEvent.StepStarted(step.name(), rollback));
    Instant start = clock.instant();
    boolean succeeded = false;
    try {
      O result = step.run(input);
      succeeded = true;
      return result;
    } finally {
      Duration took = Duration.between(start, clock.instant());
      durations.merge(step.name().label(rollback), took, Duration::plus);
      emit(new ReconcileEvent.StepFinished(step.name(), rollback, took, succeeded));
    }
  }

  /** Delivers an event; listeners get one event at a time, also from a parallel apply. */
  synchronized void emit(ReconcileEvent event) {
    try {
      events.on(event);
    } catch (RuntimeException e) {
      // a broken listener must not break the reconcile
    }
  }

  Clock clock() {
    return clock;
  }

  /** Records a warning once per run (a folder read twice in one run warns once). */
  void warn(String message) {
    if (warnings.contains(message)) {
      return;
    }
    warnings.add(message);
    emit(new ReconcileEvent.Warning(message));
  }

  synchronized void build(BuildReport value) {
    builds.add(value);
  }

  void revision(String value) {
    revision = value;
    emit(new ReconcileEvent.RevisionKnown(value));
  }

  void hashes(DeploymentHashes value) {
    hashes = value;
  }

  void deploymentName(String value) {
    deploymentName = value;
  }

  void runningHash(String value) {
    runningHash = value;
  }

  void desired(RedactedDescriptor value) {
    desired = value;
  }

  void plan(Plan value) {
    plan = value;
    for (PlannedAction action : value.actions()) {
      ContainerOutcome.Result result =
          action.kind() == ActionKind.NOOP
              ? ContainerOutcome.Result.UNCHANGED
              : ContainerOutcome.Result.NOT_REACHED;
      containers.put(
          action.container(),
          new ContainerOutcome(action.container(), action.kind(), result, Optional.empty()));
    }
  }

  void outcome(ContainerOutcome value) {
    containers.put(value.container(), value);
  }

  void verification(VerificationReport value) {
    verification = value;
  }

  void rollback(RollbackReport value) {
    rollback = value;
  }

  void recovery(RollbackReport value) {
    recovery = value;
  }

  void failure(String value) {
    if (failure == null) {
      failure = value;
    }
  }

  ReconcileReport build(ReconcileStatus status) {
    return new ReconcileReport(
        mode,
        status,
        Optional.ofNullable(deploymentName),
        Optional.ofNullable(revision),
        Optional.ofNullable(hashes),
        Optional.ofNullable(runningHash),
        Optional.ofNullable(desired),
        Optional.ofNullable(plan),
        new ArrayList<>(containers.values()),
        Optional.ofNullable(verification),
        Optional.ofNullable(rollback),
        Optional.ofNullable(recovery),
        startedAt,
        clock.instant(),
        durations,
        Optional.ofNullable(failure),
        warnings,
        builds);
  }
}
