package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * stow's own JSON document (schema {@value #SCHEMA}, documented in the README and in {@code
 * notification.schema.json}): every field is always present, {@code null} when unknown. Sent with
 * {@code Authorization: Bearer <token>} when the target has a {@code tokenFile}.
 */
final class JsonFormat implements PayloadFormat {

  static final String SCHEMA = "stow.notification.v1";

  @Override
  public Payload render(Notification n, Endpoint endpoint) {
    return new Payload(
        endpoint.url().reveal(),
        JsonBodies.JSON,
        JsonBodies.bytes(document(n)),
        JsonBodies.bearer(endpoint));
  }

  static ObjectNode document(Notification n) {
    ObjectNode json = JsonBodies.object();
    json.put("schema", SCHEMA);
    json.put("event", n.event().label());
    json.put("title", Texts.title(n));
    json.put("host", n.host());
    json.put("folder", n.folder());
    JsonBodies.put(json, "deployment", n.deployment());
    JsonBodies.put(json, "commit", n.commit());
    JsonBodies.put(json, "deployment_hash", n.deploymentHash());
    JsonBodies.put(json, "previous_hash", n.previousHash());
    json.put("run", n.run());
    json.put("result", n.result());
    JsonBodies.put(json, "reason", n.reason());
    if (n.rollback().isPresent()) {
      Notification.Rollback r = n.rollback().get();
      ObjectNode rollback = json.putObject("rollback");
      rollback.put("kind", r.kind());
      rollback.put("succeeded", r.succeeded());
      JsonBodies.put(rollback, "target_hash", r.targetHash());
      JsonBodies.put(rollback, "error", r.error());
    } else {
      json.putNull("rollback");
    }
    ArrayNode containers = json.putArray("containers");
    for (Notification.ContainerLine c : n.containers()) {
      ObjectNode container = containers.addObject();
      container.put("name", c.name());
      JsonBodies.put(container, "action", c.action());
      container.put("result", c.result());
      JsonBodies.put(container, "detail", c.detail());
    }
    json.put("started_at", n.startedAt().toString());
    json.put("finished_at", n.finishedAt().toString());
    if (n.links().isPresent()) {
      ObjectNode links = json.putObject("links");
      links.put("status", n.links().get().status());
      links.put("dashboard", n.links().get().dashboard());
    } else {
      json.putNull("links");
    }
    return json;
  }
}
