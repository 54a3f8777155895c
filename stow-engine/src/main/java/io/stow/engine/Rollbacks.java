package io.stow.engine;

import io.stow.docker.ContainerCreateRequest;
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

/**
 * Lists the steps of a rollback and chooses which one a failure needs: restore {@code
 * running-config.previous} and re-apply and verify it; remove a failed first deployment; or
 * nothing, when the failed state is the only one on disk. Also rolls back an apply that an earlier
 * run left open, before a run does anything else.
 */
final class Rollbacks {

  private final SnapshotStore store;
  private final RunRecorder rec;
  private final RestorePreviousStep restorePrevious;
  private final LoadDescriptorStep load;
  private final HostPlanner hostPlanner;
  private final PrepareStep prepare;
  private final PullStep pull;
  private final ApplyStep apply;
  private final VerifyStep verify;
  private final RemoveFailedStep removeFailed;
  private final PruneStep prune;

  Rollbacks(ReconcileContext ctx, SnapshotStore store, RunRecorder rec) {
    this.store = store;
    this.rec = rec;
    this.restorePrevious = new RestorePreviousStep(store);
    this.load = new LoadDescriptorStep(ctx.descriptorLoader(), rec::warn);
    this.hostPlanner = new HostPlanner(ctx.docker(), rec);
    this.prepare = new PrepareStep(store, ctx.docker());
    this.pull = new PullStep(ctx.docker(), rec);
    this.apply = new ApplyStep(ctx.docker(), rec, ctx.defaultStopTimeout(), ctx.applyConcurrency());
    this.verify =
        new VerifyStep(ctx.docker(), rec, ctx.clock(), ctx.sleeper(), ctx.verifyPollInterval());
    this.removeFailed =
        new RemoveFailedStep(
            ctx.docker(), store, rec, ctx.logTailLines(), ctx.defaultStopTimeout());
    this.prune = new PruneStep(store, rec, ctx.snapshotsToKeep());
  }

  /**
   * Rolls back after {@code d} failed once the host may have changed, records the rollback and
   * returns the exception that reports both.
   */
  ReconcileException afterFailure(Exception cause, Desired d) {
    String reason = Failures.describe(cause);
    rec.failure(reason);
    RollbackReport rollback;
    if (d.running().isEmpty()) {
      rec.emit(new ReconcileEvent.RollbackStarted(reason, Optional.empty(), false));
      rollback = removeFailed.run(d.name());
    } else if (!store.hasPrevious()) {
      rollback = nothingToRestore(d);
    } else {
      rollback = toPrevious(reason, false);
    }
    rec.rollback(rollback);
    prune.run();
    ReconcileStatus status =
        rollback.succeeded()
            ? ReconcileStatus.FAILED_ROLLED_BACK
            : ReconcileStatus.FAILED_ROLLBACK_FAILED;
    String message =
        "deployment '"
            + d.name()
            + "' "
            + StowLabels.hashValue(d.hash())
            + " failed: "
            + reason
            + "; "
            + summary(rollback, d.name());
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
    Optional<String> firstApply;
    try {
      firstApply = store.openFirstApply();
    } catch (IOException e) {
      throw Failures.beforeChanges(rec, e);
    }
    if (store.hasPrevious()) {
      reason = "found " + store.previousLink() + ": an earlier apply did not finish";
      rec.warn(reason + "; rolling back to it first");
      recovery = toPrevious(reason, true);
    } else if (firstApply.isPresent()) {
      reason =
          "found "
              + store.firstApplyMarker()
              + ": the first apply of '"
              + firstApply.get()
              + "' did not finish";
      rec.warn(reason + "; removing its containers first");
      rec.emit(new ReconcileEvent.RollbackStarted(reason, Optional.empty(), true));
      recovery = removeFailed.run(firstApply.get());
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
              + operatorHint(firstApply.orElse(""));
      rec.failure(message);
      throw new ReconcileException(
          message, rec.build(ReconcileStatus.FAILED_ROLLBACK_FAILED), null);
    }
    prune.run();
  }

  /** Rolls the host back to {@code running-config.previous}; never throws. */
  private RollbackReport toPrevious(String reason, boolean recovery) {
    Optional<String> target = Optional.empty();
    Plan rollbackPlan = null;
    List<ContainerOutcome> outcomes = new ArrayList<>();
    VerificationReport verification = null;
    try {
      target = store.previous().map(SnapshotInfo::deploymentHash);
      rec.emit(new ReconcileEvent.RollbackStarted(reason, target, recovery));
      SnapshotInfo previous = rec.step("rollback.restore", restorePrevious::run);
      Descriptor descriptor = rec.step("rollback.load", () -> load.run(previous.dir()));
      Plan p = hostPlanner.planRollback(descriptor, previous.deploymentHash());
      rollbackPlan = p;
      Map<String, ContainerCreateRequest> requests =
          rec.step(
              "rollback.prepare", () -> prepare.run(descriptor, p, previous.dir(), previous.dir()));
      rec.step("rollback.pull", () -> pull.run(p));
      rec.step("rollback.apply", () -> apply.run(descriptor, p, requests, outcomes::add));
      verification =
          rec.step(
              "rollback.verify",
              () -> verify.run(descriptor, previous.deploymentHash(), p.unchanged()));
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

  private static RollbackReport nothingToRestore(Desired d) {
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
                + StowLabels.hashValue(d.hash())
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
