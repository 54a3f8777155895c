package io.stow.daemon.fakes;

import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.DeploymentHashes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports as the engine returns them, for fakes. */
public final class Reports {

  private Reports() {}

  public static DeploymentHashes hashes(String deploymentHash) {
    return new DeploymentHashes("m", "c", "s", deploymentHash);
  }

  /** A run of {@code mode} that deployed {@code revision} with {@code hash}; changed the host. */
  public static ReconcileReport report(
      ReconcileMode mode,
      ReconcileStatus status,
      Optional<String> revision,
      Optional<String> hash,
      boolean changed) {
    Optional<Plan> plan =
        changed
            ? Optional.of(
                new Plan(
                    "app",
                    hash.orElse("h"),
                    List.of(
                        new PlannedAction(
                            "old",
                            ActionKind.DELETE,
                            PlannedAction.NOT_IN_MANIFEST,
                            Optional.of("id"),
                            Optional.empty()))))
            : Optional.empty();
    return new ReconcileReport(
        mode,
        status,
        Optional.of("app"),
        revision,
        hash.map(Reports::hashes),
        Optional.empty(),
        Optional.empty(),
        plan,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Instant.EPOCH,
        Instant.EPOCH,
        Map.of(),
        status.succeeded() ? Optional.empty() : Optional.of("it failed"),
        List.of());
  }

  public static ReconcileReport deployed(String revision, String hash) {
    return report(
        ReconcileMode.RECONCILE,
        ReconcileStatus.SUCCEEDED,
        Optional.of(revision),
        Optional.of(hash),
        true);
  }

  public static ReconcileException failed(
      ReconcileStatus status, String revision, String hash, String message) {
    return new ReconcileException(
        message,
        report(ReconcileMode.RECONCILE, status, Optional.of(revision), Optional.of(hash), true),
        null);
  }
}
