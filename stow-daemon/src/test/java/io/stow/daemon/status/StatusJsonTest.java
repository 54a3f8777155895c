package io.stow.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.HostStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  @Test
  void theDocument_startsWithEveryFieldOfTheOriginalInItsOrder_thenStowsFields() throws Exception {
    HostStatus host =
        new HostStatus(
            Optional.of("webapp"),
            Optional.of("dep-hash"),
            Optional.of("c".repeat(40)),
            Optional.of(Path.of("/root/.stow/snapshots/dep-hash")),
            false,
            List.of(
                new HostStatus.Container(
                    "web",
                    "running",
                    true,
                    Optional.of("healthy"),
                    2,
                    Optional.of(Instant.parse("2026-05-01T09:00:00Z")),
                    Optional.of("v1:dep-hash"))));
    SchedulerState s =
        new SchedulerState(
            SchedulerState.Phase.IDLE,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.of("ok"),
            Optional.empty(),
            Optional.of(Instant.ofEpochSecond(1000)),
            Optional.of(Instant.ofEpochSecond(1010)),
            true);
    StatusView view =
        new StatusView(
            s,
            new HostStatusCache.Reading(host, Instant.EPOCH, Optional.empty()),
            Optional.of("c".repeat(40)),
            Optional.of("dep-hash"),
            "at-requested-head",
            BadgeState.RUNNING,
            Optional.empty());

    JsonNode json = new ObjectMapper().readTree(StatusJson.render(view));

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "phase",
            "queued",
            "current_hash",
            "expected_hash",
            "snapshot",
            "snapshot_path",
            "active_head_hash",
            "queued_head_hash",
            "requested_head_hash",
            "status_label",
            "last_result",
            "last_error",
            "last_started_at",
            "last_finished_at",
            "state",
            "unknown_reason",
            "ready",
            "docker_error",
            "containers");
    assertThat(json.get("phase").asText()).isEqualTo("idle");
    assertThat(json.get("queued").isBoolean()).isTrue();
    assertThat(json.get("snapshot").get("deployment").asText()).isEqualTo("webapp");
    assertThat(json.get("snapshot").get("revision").asText()).isEqualTo("c".repeat(40));
    assertThat(json.get("snapshot").get("hash").asText()).isEqualTo("dep-hash");
    assertThat(json.get("snapshot_path").asText()).isEqualTo("/root/.stow/snapshots/dep-hash");
    assertThat(json.get("active_head_hash").isNull()).isTrue();
    assertThat(json.get("last_error").isNull()).isTrue();
    assertThat(json.get("last_started_at").asLong()).isEqualTo(1000);
    assertThat(json.get("last_finished_at").isIntegralNumber()).isTrue();
    assertThat(json.get("state").asText()).isEqualTo("running");
    JsonNode web = json.get("containers").get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("health").asText()).isEqualTo("healthy");
    assertThat(web.get("restarts").asInt()).isEqualTo(2);
  }

  @Test
  void nothingDeployed_givesNullsLikeTheOriginal() throws Exception {
    HostStatus nothing =
        new HostStatus(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            List.of());
    StatusView view =
        new StatusView(
            SchedulerState.initial(),
            new HostStatusCache.Reading(nothing, Instant.EPOCH, Optional.of("docker down")),
            Optional.empty(),
            Optional.empty(),
            "idle",
            BadgeState.UNKNOWN,
            Optional.empty());

    JsonNode json = new ObjectMapper().readTree(StatusJson.render(view));

    assertThat(json.get("snapshot").isNull()).isTrue();
    assertThat(json.get("current_hash").isNull()).isTrue();
    assertThat(json.get("last_result").isNull()).isTrue();
    assertThat(json.get("docker_error").asText()).isEqualTo("docker down");
    assertThat(json.get("containers").isEmpty()).isTrue();
  }
}
