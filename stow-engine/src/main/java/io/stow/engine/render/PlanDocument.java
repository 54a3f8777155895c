package io.stow.engine.render;

import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.DeploymentHashes;
import java.util.List;
import java.util.Map;

/**
 * The plan of a report as a document for {@code --plan-json}: deployment, revision, the four
 * hashes, the running hash, each action with its reason and image, the desired descriptor with
 * every env value as {@code "<redacted>"}, and the original tool's {@code plan.operations} shape
 * beside ours so that scripts written for it keep working. Never contains a secret value.
 *
 * <pre>{@code
 * {"deployment":"demo","revision":"local","dry_run":true,
 *  "hashes":{"manifest_hash":"..","config_hash":"..","secrets_hash":"..","deployment_hash":".."},
 *  "running_hash":null,
 *  "actions":[{"container":"web","action":"replace","reason":"missing","image":"...",
 *              "container_id":null}],
 *  "desired":{"deployment":{...},"containers":[{"name":"web","env":{"TOKEN":"<redacted>"}}]},
 *  "plan":{"operations":[{"kind":"Replace","container":"web"}]}}
 * }</pre>
 */
public record PlanDocument(
    String deployment,
    String revision,
    boolean dryRun,
    Hashes hashes,
    String runningHash,
    List<Action> actions,
    Map<String, Object> desired,
    Operations plan) {

  /** The four hashes (lower-case hex). */
  public record Hashes(
      String manifestHash, String configHash, String secretsHash, String deploymentHash) {

    static Hashes of(DeploymentHashes h) {
      return new Hashes(h.manifestHash(), h.configHash(), h.secretsHash(), h.deploymentHash());
    }
  }

  /** One planned action and why; {@code image} is null for a delete. */
  public record Action(
      String container, String action, String reason, String image, String containerId) {

    static Action of(PlannedAction a) {
      return new Action(
          a.container(),
          a.kind().label(),
          a.reason(),
          a.image().map(Object::toString).orElse(null),
          a.observedId().orElse(null));
    }
  }

  /** The original tool's plan: {@code {"operations":[{"kind":"Replace","container":"web"}]}}. */
  public record Operations(List<Operation> operations) {}

  /** {@code kind} is {@code Replace}, {@code Delete} or {@code NoOp}, as the original writes it. */
  public record Operation(String kind, String container) {

    static Operation of(PlannedAction a) {
      String kind =
          a.kind() == ActionKind.NOOP
              ? "NoOp"
              : a.kind() == ActionKind.DELETE ? "Delete" : "Replace";
      return new Operation(kind, a.container());
    }
  }

  /** The plan document of a (dry-run or real) report. */
  public static PlanDocument of(ReconcileReport report) {
    List<PlannedAction> actions = report.plan().map(Plan::actions).orElse(List.of());
    return new PlanDocument(
        report.deploymentName().orElse(null),
        report.revision().orElse(null),
        report.mode() == ReconcileMode.DRY_RUN,
        report.hashes().map(Hashes::of).orElse(null),
        report.runningHash().orElse(null),
        actions.stream().map(Action::of).toList(),
        report.desired().map(RedactedDescriptor::tree).orElse(null),
        new Operations(actions.stream().map(Operation::of).toList()));
  }

  /** This document as pretty-printed JSON. */
  public String toJson() {
    return Json.write(this);
  }
}
