package io.stow.engine.steps;

import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.plan.Plan;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import java.util.Optional;

/**
 * The one set of step objects a run uses, shared by the forward path ({@link StepsRunner}) and the
 * rollback ({@link Rollbacks}).
 */
final class Steps {

  final LockStep lock;
  final StageStep stage = new StageStep();
  final StageStep.Resolve resolve = new StageStep.Resolve();
  final DecryptStep decrypt;
  final HashStep hash = new HashStep();
  final LoadDescriptorStep load;

  /**
   * Loads a descriptor that is read only for what its containers were given (stop timeouts): its
   * warnings were reported by the run that deployed it.
   */
  final LoadDescriptorStep loadQuietly;

  final NameCheckStep checkName;
  final PlanStep plan;
  final OwnershipStep checkOwnership;
  final PrepareStep prepare;
  final PreflightStep preflight;
  final BuildStep build;
  final PullStep pull;
  final SnapshotStep snapshot;
  final ApplyStep apply;
  final VerifyStep verify;
  final CommitStep commit;
  final RestorePreviousStep restore;
  final RemoveFailedStep removeFailed;
  final PruneStep prune;
  final EngineWait engineWait;

  private final RunRecorder rec;

  Steps(ReconcileContext ctx, SnapshotStore store, RunRecorder rec, RunMemory memory) {
    this.rec = rec;
    StopTimeouts stopTimeouts = new StopTimeouts(ctx.defaultStopTimeout());
    this.lock = new LockStep(store, rec);
    this.decrypt = new DecryptStep(ctx.secretDecryptor());
    this.load =
        new LoadDescriptorStep(ctx.descriptorLoader(), rec::warn, ctx.composeProfiles(), memory);
    this.loadQuietly =
        new LoadDescriptorStep(
            ctx.descriptorLoader(), warning -> {}, ctx.composeProfiles(), memory);
    this.checkName = new NameCheckStep(store);
    this.plan = new PlanStep(ctx.docker());
    this.checkOwnership = new OwnershipStep(ctx.docker());
    this.prepare = new PrepareStep(store, ctx.docker());
    this.preflight = new PreflightStep(ctx.docker());
    this.build = new BuildStep(ctx.docker(), rec);
    this.pull = new PullStep(ctx.docker(), rec);
    this.snapshot = new SnapshotStep(store, ctx.clock());
    this.apply =
        new ApplyStep(
            ctx.docker(),
            rec,
            stopTimeouts,
            ctx.applyConcurrency(),
            new DependencyWaits(
                ctx.docker(), ctx.clock(), ctx.sleeper(), ctx.verifyPollInterval()));
    this.verify =
        new VerifyStep(ctx.docker(), rec, ctx.clock(), ctx.sleeper(), ctx.verifyPollInterval());
    this.commit = new CommitStep(store);
    this.restore = new RestorePreviousStep(store);
    this.removeFailed =
        new RemoveFailedStep(ctx.docker(), store, rec, ctx.logTailLines(), stopTimeouts);
    this.prune = new PruneStep(store, rec, ctx.snapshotsToKeep());
    this.engineWait =
        new EngineWait(ctx.docker(), rec, ctx.clock(), ctx.sleeper(), ctx.engineWait());
  }

  /**
   * Plans a target against the host and checks the plan replaces no container the deployment does
   * not manage. The forward plan is the one the report keeps; both are announced.
   */
  Prepared planAndCheck(Target target, boolean rollback) throws Exception {
    Plan p = rollback ? rec.rollbackStep(plan, target) : rec.step(plan, target);
    if (!rollback) {
      rec.plan(p);
    }
    rec.emit(new ReconcileEvent.PlanReady(p, rollback));
    if (rollback) {
      rec.rollbackStep(checkOwnership, p);
    } else {
      rec.step(checkOwnership, p);
    }
    return Prepared.planned(target, p);
  }

  /**
   * The descriptor of {@code snapshot}, read for its containers' stop timeouts only (the ones a run
   * stops that the deployment it applies does not declare). Empty, with a warning, when it cannot
   * be read: those containers then get the engine's default, and the run goes on.
   *
   * @param role which deployment it is, for the warning ("running", "interrupted")
   */
  Optional<Descriptor> stopTimeoutOwner(SnapshotInfo snapshot, String role) {
    try {
      return Optional.of(
          loadQuietly.run(
              new LoadDescriptorStep.Input(snapshot.dir(), snapshot.deploymentName().orElse(""))));
    } catch (Exception e) {
      rec.warn(
          "cannot read the "
              + role
              + " deployment in "
              + snapshot.dir()
              + " ("
              + Failures.describe(e)
              + "): its containers are stopped with the default stop timeout");
      return Optional.empty();
    }
  }
}
