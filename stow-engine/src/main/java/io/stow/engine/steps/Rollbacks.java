package io.stow.engine.steps;

import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.VerificationReport;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists the steps of a rollback and chooses which one a failure needs: restore {@code
 * running-config.previous} and re-apply and verify it; remove a failed first deployment; or
 * nothing, when the failed state is the only one on disk. Also rolls back an apply that an earlier
 * run left open, before a run does anything else. Uses the run's one set of {@link Steps}.
 */
final class Rollbacks {

  private final SnapshotStore store;
  private final RunRecorder rec;
  private final Steps steps;

  Rollbacks(SnapshotStore store, RunRecorder rec, Steps steps) {
    this.store = store;
    this.rec = rec;
    this.steps = steps;
  }

  /**
   * Rolls back after {@code d} failed once the host may have changed, records the rollback and
   * returns the exception that reports both.
   */
  ReconcileException afterFailure(Exception cause, Prepared prepared, boolean firstDeployment) {
    String name = prepared.target().deploymentName();
    String hash = prepared.target().deploymentHash();
    String reason = Failures.describe(cause);
    rec.failure(reason);
    Optional<Descriptor> failed = Optional.of(prepared.target().descriptor());
    RollbackReport rollback;
    if (firstDeployment) {
      rec.emit(new ReconcileEvent.RollbackStarted(reason, Optional.empty(), false));
      rollback = removeFailed(new RemoveFailedStep.Input(name, created(prepared), failed));
    } else if (!store.hasPrevious()) {
      rollback = nothingToRestore(hash);
    } else {
      rollback = toPrevious(reason, false, failed);
    }
    rec.rollback(rollback);
    steps.prune.run();
    ReconcileStatus status =
        rollback.succeeded()
            ? ReconcileStatus.FAILED_ROLLED_BACK
            : ReconcileStatus.FAILED_ROLLBACK_FAILED;
    String message =
        "deployment '"
            + name
            + "' "
            + StowLabels.hashValue(hash)
            + " failed: "
            + reason
            + "; "
            + summary(rollback, name);
    return new ReconcileException(message, rec.build(status), cause);
  }

  /**
   * When an earlier apply did not finish, rolls it back first: to {@code running-config.previous}
   * for an update, by removing its containers for a first deployment ({@code .stow/first-apply}).
   *
   * @throws ReconcileException when that rollback fails
   */
  void recoverIfInterrupted() {
    String reason;
    RollbackReport recovery;
    Optional<SnapshotStore.FirstApply> firstApply;
    try {
      firstApply = store.openFirstApply();
    } catch (IOException e) {
      throw Failures.beforeChanges(rec, e);
    }
    if (store.hasPrevious()) {
      reason = "found " + store.previousLink() + ": an earlier apply did not finish";
      rec.warn(reason + "; rolling back to it first");
      recovery = toPrevious(reason, true, interruptedDescriptor());
    } else if (firstApply.isPresent()) {
      reason =
          "found "
              + store.firstApplyMarker()
              + ": the first apply of '"
              + firstApply.get().deploymentName()
              + "' did not finish";
      rec.warn(reason + "; removing its containers first");
      rec.emit(new ReconcileEvent.RollbackStarted(reason, Optional.empty(), true));
      recovery =
          removeFailed(
              new RemoveFailedStep.Input(
                  firstApply.get().deploymentName(),
                  firstApply.get().containers(),
                  interruptedDescriptor()));
    } else {
      return;
    }
    rec.recovery(recovery);
    if (!recovery.succeeded()) {
      String message =
          reason
              + "; ROLLBACK FAILED: "
              + recovery.error().orElse("unknown")
              + "; "
              + operatorHint(firstApply.map(SnapshotStore.FirstApply::deploymentName).orElse(""));
      rec.failure(message);
      throw new ReconcileException(
          message, rec.build(ReconcileStatus.FAILED_ROLLBACK_FAILED), null);
    }
    steps.prune.run();
  }

  /** Removes a failed first deployment's containers; never throws. */
  private RollbackReport removeFailed(RemoveFailedStep.Input input) {
    try {
      steps.engineWait.untilAnswering("removing the failed containers");
      return rec.rollbackStep(steps.removeFailed, input);
    } catch (Exception e) {
      Failures.keepInterruptFlag(e);
      return new RollbackReport(
          RollbackReport.Kind.REMOVE_FAILED_CONTAINERS,
          false,
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Map.of(),
          Optional.of(Failures.describe(e)));
    }
  }

  /** The containers an apply of {@code prepared} creates: what a failed first apply removes. */
  static Set<String> created(Prepared prepared) {
    Set<String> names = new TreeSet<>();
    prepared.plan().actions(ActionKind.REPLACE).forEach(a -> names.add(a.container()));
    return names;
  }

  /**
   * The descriptor of the apply an earlier run left open, read back from its snapshot ({@code
   * running-config}): its containers' stop timeouts. Empty, with a warning, when it cannot be read;
   * those containers then get the engine's default.
   */
  private Optional<Descriptor> interruptedDescriptor() {
    Optional<SnapshotInfo> current;
    try {
      current = store.current();
    } catch (IOException e) {
      current = Optional.empty();
    }
    if (current.isEmpty()) {
      return Optional.empty(); // the apply stopped before it pointed running-config at its snapshot
    }
    return steps.stopTimeoutOwner(current.get(), "interrupted");
  }

  /**
   * Rolls the host back to {@code running-config.previous}; never throws.
   *
   * @param failed the descriptor of the deployment rolled back from, when known
   */
  private RollbackReport toPrevious(String reason, boolean recovery, Optional<Descriptor> failed) {
    Optional<String> target = Optional.empty();
    Plan rollbackPlan = null;
    List<ContainerOutcome> outcomes = new ArrayList<>();
    VerificationReport verification = null;
    try {
      target = store.previous().map(SnapshotInfo::deploymentHash);
      rec.emit(new ReconcileEvent.RollbackStarted(reason, target, recovery));
      steps.engineWait.untilAnswering("rolling back");
      SnapshotInfo previous = rec.rollbackStep(steps.restore, null);
      Descriptor descriptor =
          rec.rollbackStep(
              steps.load,
              new LoadDescriptorStep.Input(previous.dir(), previous.deploymentName().orElse("")));
      Target back =
          new Target(descriptor, previous.deploymentHash(), previous.dir(), previous.dir());
      Prepared planned = steps.planAndCheck(back, true);
      rollbackPlan = planned.plan();
      Prepared prepared = rec.rollbackStep(steps.build, rec.rollbackStep(steps.prepare, planned));
      rec.rollbackStep(steps.pull, prepared);
      rec.rollbackStep(steps.apply, new ApplyStep.Input(prepared, failed, outcomes::add));
      verification = rec.rollbackStep(steps.verify, prepared);
      Optional<String> error =
          verification.passed()
              ? Optional.empty()
              : Optional.of(
                  "the restored deployment " + Failures.verificationFailure(verification));
      return restored(target, rollbackPlan, outcomes, verification, error);
    } catch (Exception e) {
      Failures.keepInterruptFlag(e);
      return restored(
          target, rollbackPlan, outcomes, verification, Optional.of(Failures.describe(e)));
    }
  }

  /** A restore of the previous snapshot, as far as it got; it succeeded when there is no error. */
  private static RollbackReport restored(
      Optional<String> target,
      Plan plan,
      List<ContainerOutcome> outcomes,
      VerificationReport verification,
      Optional<String> error) {
    return new RollbackReport(
        RollbackReport.Kind.RESTORE_PREVIOUS,
        error.isEmpty(),
        target,
        Optional.ofNullable(plan),
        outcomes,
        Optional.ofNullable(verification),
        Map.of(),
        error);
  }

  private static RollbackReport nothingToRestore(String hash) {
    return new RollbackReport(
        RollbackReport.Kind.NOTHING_TO_RESTORE,
        false,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Map.of(),
        Optional.of(
            "the failed state "
                + StowLabels.hashValue(hash)
                + " is the running snapshot; there is nothing older on disk to restore"));
  }

  private String summary(RollbackReport rollback, String name) {
    if (!rollback.succeeded()) {
      return "ROLLBACK FAILED ("
          + rollback.kind().label()
          + "): "
          + rollback.error().orElse("unknown")
          + "; "
          + operatorHint(name);
    }
    return switch (rollback.kind()) {
      case RESTORE_PREVIOUS ->
          "rolled back to "
              + rollback.targetHash().map(StowLabels::hashValue).orElse("the previous snapshot")
              + ", which passed verification";
      case REMOVE_FAILED_CONTAINERS ->
          "there was no previous deployment: its containers were removed (their last log lines"
              + " are in the report)";
      case NOTHING_TO_RESTORE -> "nothing was rolled back";
    };
  }

  /** Where an operator looks when stow could not bring the host back by itself. */
  private String operatorHint(String name) {
    return "the host needs an operator: check `docker ps -a"
        + (name.isEmpty() ? "" : " --filter label=" + StowLabels.DEPLOYMENT + "=" + name)
        + "` and "
        + store.runningConfig();
  }
}
