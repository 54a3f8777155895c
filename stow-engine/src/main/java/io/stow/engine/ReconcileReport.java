package io.stow.engine;

import io.stow.engine.plan.Plan;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.model.DeploymentHashes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a reconcile did, for the CLI, the daemon's status page and logs. A failed run carries
 * the part that was reached (see {@link ReconcileException#report()}). Holds no secret value: env
 * values appear only as {@code <redacted>}.
 *
 * @param revision the Git revision (or {@code local}) that was deployed
 * @param hashes the four hashes of the desired state
 * @param runningHash the deployment hash that ran before this reconcile, if any
 * @param desired the desired descriptor with env values redacted
 * @param plan the plan, with a reason per action
 * @param containers per-container outcome of the apply
 * @param verification the verification of the new deployment
 * @param rollback what the automatic rollback did, when the new deployment failed
 * @param recovery the rollback of an interrupted earlier apply, run before anything else
 * @param durations how long each step took, in order
 * @param failure why the run failed; empty on success
 * @param warnings notes that did not fail the run
 * @param builds the images built from the deployment folder (Compose {@code build}), in order
 */
public record ReconcileReport(
    ReconcileMode mode,
    ReconcileStatus status,
    Optional<String> deploymentName,
    Optional<String> revision,
    Optional<DeploymentHashes> hashes,
    Optional<String> runningHash,
    Optional<RedactedDescriptor> desired,
    Optional<Plan> plan,
    List<ContainerOutcome> containers,
    Optional<VerificationReport> verification,
    Optional<RollbackReport> rollback,
    Optional<RollbackReport> recovery,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Duration> durations,
    Optional<String> failure,
    List<String> warnings,
    List<BuildReport> builds) {

  public ReconcileReport {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(deploymentName, "deploymentName");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(hashes, "hashes");
    Objects.requireNonNull(runningHash, "runningHash");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(plan, "plan");
    containers = List.copyOf(containers);
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(rollback, "rollback");
    Objects.requireNonNull(recovery, "recovery");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    durations = Collections.unmodifiableMap(new LinkedHashMap<>(durations));
    Objects.requireNonNull(failure, "failure");
    warnings = List.copyOf(warnings);
    builds = List.copyOf(builds);
  }

  /** A report without builds. */
  public ReconcileReport(
      ReconcileMode mode,
      ReconcileStatus status,
      Optional<String> deploymentName,
      Optional<String> revision,
      Optional<DeploymentHashes> hashes,
      Optional<String> runningHash,
      Optional<RedactedDescriptor> desired,
      Optional<Plan> plan,
      List<ContainerOutcome> containers,
      Optional<VerificationReport> verification,
      Optional<RollbackReport> rollback,
      Optional<RollbackReport> recovery,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Duration> durations,
      Optional<String> failure,
      List<String> warnings) {
    this(
        mode,
        status,
        deploymentName,
        revision,
        hashes,
        runningHash,
        desired,
        plan,
        containers,
        verification,
        rollback,
        recovery,
        startedAt,
        finishedAt,
        durations,
        failure,
        warnings,
        List.of());
  }

  /** Wall time of the whole run. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** Whether the run changed the host (Docker or the state directory). */
  public boolean changedHost() {
    return status != ReconcileStatus.FAILED_BEFORE_CHANGES
        && mode != ReconcileMode.DRY_RUN
        && (recovery.isPresent() || plan.map(p -> !p.isNoop()).orElse(false));
  }
}
