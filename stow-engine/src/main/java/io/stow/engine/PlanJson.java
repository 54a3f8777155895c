package io.stow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.DeploymentHashes;

/**
 * Renders the plan of a report as JSON for {@code --plan-json}: deployment, revision, the four
 * hashes, the running hash, each action with its reason and image, and the desired descriptor with
 * env names and every env value as {@code "<redacted>"}. Never contains a secret value.
 *
 * <pre>{@code
 * {"deployment":"demo","revision":"local","dry_run":true,
 *  "hashes":{"manifest_hash":"..","config_hash":"..","secrets_hash":"..","deployment_hash":".."},
 *  "running_hash":null,
 *  "actions":[{"container":"web","action":"replace","reason":"missing","image":"..."}],
 *  "desired":{"deployment":{...},"containers":[{"name":"web","env":{"TOKEN":"<redacted>"}}]}}
 * }</pre>
 */
public final class PlanJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  /** The plan JSON of a (dry-run or real) report, pretty-printed. */
  public static String render(ReconcileReport report) {
    try {
      return JSON.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render plan JSON", e);
    }
  }

  /** The same as a Jackson tree, for embedding in a larger document. */
  public static ObjectNode tree(ReconcileReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("deployment", report.deploymentName().orElse(null));
    root.put("revision", report.revision().orElse(null));
    root.put("dry_run", report.mode() == ReconcileMode.DRY_RUN);
    report
        .hashes()
        .ifPresentOrElse(h -> root.set("hashes", hashes(h)), () -> root.putNull("hashes"));
    root.put("running_hash", report.runningHash().orElse(null));
    ArrayNode actions = root.putArray("actions");
    report
        .plan()
        .map(Plan::actions)
        .orElse(java.util.List.of())
        .forEach(a -> actions.add(action(a)));
    report
        .desired()
        .ifPresentOrElse(
            d -> root.set("desired", JSON.valueToTree(d.tree())), () -> root.putNull("desired"));
    return root;
  }

  static ObjectNode hashes(DeploymentHashes h) {
    ObjectNode node = JSON.createObjectNode();
    node.put("manifest_hash", h.manifestHash());
    node.put("config_hash", h.configHash());
    node.put("secrets_hash", h.secretsHash());
    node.put("deployment_hash", h.deploymentHash());
    return node;
  }

  static ObjectNode action(PlannedAction a) {
    ObjectNode node = JSON.createObjectNode();
    node.put("container", a.container());
    node.put("action", a.kind().label());
    node.put("reason", a.reason());
    node.put("image", a.image().map(Object::toString).orElse(null));
    node.put("container_id", a.observedId().orElse(null));
    return node;
  }
}
