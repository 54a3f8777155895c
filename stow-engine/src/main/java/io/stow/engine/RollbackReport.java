package io.stow.engine;

import io.stow.engine.plan.Plan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rollback did.
 *
 * @param kind restore of the previous snapshot, or removal of a failed first deployment
 * @param targetHash the deployment hash rolled back to; empty for a removal
 * @param plan the rollback plan (restore only)
 * @param containers per-container outcome of the rollback apply or removal
 * @param verification the verification of the restored deployment (restore only)
 * @param containerLogs the last log lines of each removed container (removal only), oldest first
 * @param error why the rollback failed; empty when it succeeded
 */
public record RollbackReport(
    Kind kind,
    boolean succeeded,
    Optional<String> targetHash,
    Optional<Plan> plan,
    List<ContainerOutcome> containers,
    Optional<VerificationReport> verification,
    Map<String, List<String>> containerLogs,
    Optional<String> error) {

  /** What the rollback did. */
  public enum Kind {
    /** {@code running-config.previous} was moved back and re-applied. */
    RESTORE_PREVIOUS,
    /** There was no previous deployment: the failed containers were removed. */
    REMOVE_FAILED_CONTAINERS,
    /** Nothing older was on disk to roll back to (the failed state is the running snapshot). */
    NOTHING_TO_RESTORE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public RollbackReport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetHash, "targetHash");
    Objects.requireNonNull(plan, "plan");
    containers = List.copyOf(containers);
    Objects.requireNonNull(verification, "verification");
    Map<String, List<String>> logs = new LinkedHashMap<>();
    containerLogs.forEach((k, v) -> logs.put(k, List.copyOf(v)));
    containerLogs = Collections.unmodifiableMap(logs);
    Objects.requireNonNull(error, "error");
  }
}
