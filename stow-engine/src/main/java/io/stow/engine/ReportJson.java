package io.stow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Renders a whole {@link ReconcileReport} as JSON (for the daemon's status and logs): status, plan
 * (as {@link PlanJson}), per-container outcomes, verification timeline, rollback, recovery,
 * durations in milliseconds. Never contains a secret value.
 */
public final class ReportJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static String render(ReconcileReport report) {
    try {
      return JSON.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render report JSON", e);
    }
  }

  public static ObjectNode tree(ReconcileReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", report.mode().label());
    root.put("status", report.status().label());
    root.put("failure", report.failure().orElse(null));
    root.put("started_at", report.startedAt().toString());
    root.put("finished_at", report.finishedAt().toString());
    root.put("duration_ms", report.duration().toMillis());
    root.set("plan", PlanJson.tree(report));
    root.set("containers", outcomes(report.containers()));
    report
        .verification()
        .ifPresentOrElse(
            v -> root.set("verification", verification(v)), () -> root.putNull("verification"));
    report
        .rollback()
        .ifPresentOrElse(r -> root.set("rollback", rollback(r)), () -> root.putNull("rollback"));
    report
        .recovery()
        .ifPresentOrElse(r -> root.set("recovery", rollback(r)), () -> root.putNull("recovery"));
    ObjectNode durations = root.putObject("durations_ms");
    report.durations().forEach((k, v) -> durations.put(k, v.toMillis()));
    ArrayNode warnings = root.putArray("warnings");
    report.warnings().forEach(warnings::add);
    return root;
  }

  private static ArrayNode outcomes(List<ContainerOutcome> outcomes) {
    ArrayNode array = JSON.createArrayNode();
    for (ContainerOutcome o : outcomes) {
      ObjectNode node = array.addObject();
      node.put("container", o.container());
      node.put("action", o.action().label());
      node.put("result", o.result().label());
      node.put("error", o.error().orElse(null));
    }
    return array;
  }

  private static ObjectNode verification(VerificationReport v) {
    ObjectNode node = JSON.createObjectNode();
    node.put("deployment_hash", v.deploymentHash());
    node.put("passed", v.passed());
    node.put("timeout_ms", v.timeout().toMillis());
    node.put("stable_ms", v.stable().toMillis());
    node.put("elapsed_ms", v.elapsed().toMillis());
    ArrayNode timeline = node.putArray("timeline");
    for (VerificationSample s : v.timeline()) {
      ObjectNode sample = timeline.addObject();
      sample.put("elapsed_ms", millis(s.elapsed()));
      sample.put("stable_for_ms", millis(s.stableFor()));
      ArrayNode problems = sample.putArray("problems");
      s.problems().forEach(problems::add);
    }
    return node;
  }

  private static ObjectNode rollback(RollbackReport r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", r.kind().label());
    node.put("succeeded", r.succeeded());
    node.put("target_hash", r.targetHash().orElse(null));
    node.put("error", r.error().orElse(null));
    ArrayNode actions = node.putArray("actions");
    r.plan().ifPresent(p -> p.actions().forEach(a -> actions.add(PlanJson.action(a))));
    node.set("containers", outcomes(r.containers()));
    r.verification()
        .ifPresentOrElse(
            v -> node.set("verification", verification(v)), () -> node.putNull("verification"));
    ObjectNode logs = node.putObject("container_logs");
    r.containerLogs()
        .forEach(
            (name, lines) -> {
              ArrayNode array = logs.putArray(name);
              lines.forEach(array::add);
            });
    return node;
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }
}
