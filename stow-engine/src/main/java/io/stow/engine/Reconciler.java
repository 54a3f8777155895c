package io.stow.engine;

import io.stow.engine.plan.Plan;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.steps.RunMemory;
import io.stow.engine.steps.StepsRunner;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's front door. Converges the Docker host to a desired state, verifies it and rolls back
 * on failure; or, for a dry run, only plans. Never prints: progress goes to the context's {@link
 * EngineEvents}, results come back as a {@link ReconcileReport}.
 *
 * <pre>{@code
 * ReconcileContext context = ReconcileContext.builder()
 *     .docker(dockerHost)
 *     .secretDecryptor(sops)                 // optional
 *  *     .stateRoot(Path.of(System.getProperty("user.home")))
 *     .events(renderer)
 *     .build();
 * ReconcileReport report = new Reconciler(context)
 *     .reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(dir)));
 * }</pre>
 *
 * <p>A {@code Reconciler} is thread-safe in the sense that concurrent runs on one state root are
 * refused by the state lock; each call runs on the calling thread.
 */
public final class Reconciler {

  private final ReconcileContext context;

  /** What this reconciler's runs learnt for the next (a long-lived embedder reuses one). */
  private final RunMemory memory = new RunMemory();

  public Reconciler(ReconcileContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Runs one reconcile (or, when {@link ReconcileRequest#dryRun()}, one dry run).
   *
   * @return the report of a successful run (status {@link ReconcileStatus#SUCCEEDED})
   * @throws ReconcileException on any failure; its {@link ReconcileException#report()} carries the
   *     partial report and its status tells whether the host was changed and rolled back
   */
  public ReconcileReport reconcile(ReconcileRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.dryRun()) {
      return new StepsRunner(context, ReconcileMode.DRY_RUN, memory).dryRun(request.source());
    }
    return new StepsRunner(context, ReconcileMode.RECONCILE, memory).reconcile(request.source());
  }

  /**
   * Plans without changing anything (a dry run).
   *
   * @throws ReconcileException when the desired state cannot be staged, decrypted, loaded or
   *     planned
   */
  public Plan plan(DesiredStateSource source) {
    return reconcile(ReconcileRequest.dryRun(source)).plan().orElseThrow();
  }

  /**
   * Rolls back an apply that an earlier process did not finish ({@code running-config.previous} or,
   * for a first deployment, {@code .stow/first-apply} exists), e.g. at daemon start. {@link
   * #reconcile} does this by itself before anything else.
   *
   * @return empty when there was nothing to recover
   * @throws ReconcileException with {@link ReconcileStatus#FAILED_ROLLBACK_FAILED} when the
   *     rollback failed
   */
  public Optional<ReconcileReport> recoverInterruptedApply() {
    StepsRunner runner = new StepsRunner(context, ReconcileMode.RECOVERY, memory);
    if (!runner.interruptedApplyFound()) {
      return Optional.empty();
    }
    return Optional.of(runner.recover());
  }

  /**
   * Repairs drift without fetching anything: converges the host to the snapshot that runs (a
   * container removed or stopped by hand comes back), verifies it, and reports what it did. A
   * daemon runs this when the tracked branch has not moved since the last deployment.
   *
   * @throws ReconcileException when the repair fails
   */
  public ReconcileReport repair() {
    return new StepsRunner(context, ReconcileMode.REPAIR, memory).repair();
  }

  /**
   * What a source's revision would deploy (stage, decrypt, hash), without the state lock and
   * without touching Docker or the deployment state. Safe to call beside a running reconcile.
   *
   * @throws ReconcileException when the revision cannot be fetched, decrypted or hashed
   */
  public ResolvedRevision resolve(DesiredStateSource source) {
    return new StepsRunner(context, ReconcileMode.RESOLVE, memory).resolve(source);
  }

  /**
   * What runs now: the running snapshot and its deployment's containers. Takes no lock.
   *
   * @throws java.io.UncheckedIOException when the state directory cannot be read
   * @throws io.stow.docker.DockerOperationException when Docker cannot be asked
   */
  public HostStatus status() {
    return HostStatusReader.read(context);
  }

  public ReconcileContext context() {
    return context;
  }
}
