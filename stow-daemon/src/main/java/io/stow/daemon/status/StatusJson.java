package io.stow.daemon.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.HostStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The status document. Its first fields are the original tool's, with its names, types and {@code
 * null}s, so scripts written for it keep working: {@code phase, queued, current_hash,
 * expected_hash, snapshot {deployment, revision, hash}, snapshot_path, active_head_hash,
 * queued_head_hash, requested_head_hash, status_label, last_result, last_error, last_started_at,
 * last_finished_at} (times in Unix seconds). Then stow's: {@code state} (the badge's word), {@code
 * unknown_reason}, {@code ready}, {@code docker_error} and the deployment's {@code containers}.
 */
public final class StatusJson {

  private static final JsonFactory JSON = new JsonFactory();

  private StatusJson() {}

  /** The document as pretty-printed UTF-8 JSON. */
  public static byte[] render(StatusView view) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      SchedulerState s = view.scheduler();
      HostStatus host = view.host().status();
      g.writeStartObject();
      g.writeStringField("phase", s.phase().label());
      g.writeBooleanField("queued", s.queued());
      string(g, "current_hash", host.deploymentHash());
      string(g, "expected_hash", view.expectedHash());
      g.writeFieldName("snapshot");
      if (host.deploymentHash().isPresent()) {
        g.writeStartObject();
        string(g, "deployment", host.deploymentName());
        string(g, "revision", host.revision());
        string(g, "hash", host.deploymentHash());
        g.writeEndObject();
      } else {
        g.writeNull();
      }
      string(g, "snapshot_path", host.snapshot().map(Object::toString));
      string(g, "active_head_hash", s.activeHeadHash());
      string(g, "queued_head_hash", s.queuedHeadHash());
      string(g, "requested_head_hash", view.requestedHeadHash());
      g.writeStringField("status_label", view.statusLabel());
      string(g, "last_result", s.lastResult());
      string(g, "last_error", s.lastError());
      seconds(g, "last_started_at", s.lastStartedAt());
      seconds(g, "last_finished_at", s.lastFinishedAt());
      g.writeStringField("state", view.state().word());
      string(g, "unknown_reason", view.unknownReason());
      g.writeBooleanField("ready", s.ready());
      string(g, "docker_error", view.host().error());
      g.writeArrayFieldStart("containers");
      for (HostStatus.Container c : host.containers()) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("state", c.state());
        string(g, "health", c.health());
        g.writeBooleanField("running", c.running());
        g.writeNumberField("restarts", c.restartCount());
        string(g, "started_at", c.startedAt().map(Instant::toString));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the status", e);
    }
    return out.toByteArray();
  }

  private static void string(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    } else {
      g.writeNullField(name);
    }
  }

  private static void seconds(JsonGenerator g, String name, Optional<Instant> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeNumberField(name, value.get().getEpochSecond());
    } else {
      g.writeNullField(name);
    }
  }
}
