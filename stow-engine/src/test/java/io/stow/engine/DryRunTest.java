package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.render.ReportDocument;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private Path stagingDir() {
    return h.stateRoot.resolve(".stow/staging");
  }

  /** What the dry run left in the private staging area: nothing but the area itself. */
  private List<Path> stagingListing() throws IOException {
    try (Stream<Path> walk = Files.walk(stagingDir())) {
      return walk.toList();
    }
  }

  @Test
  void dryRun_changesNothingOnAFreshHost() throws IOException {
    ReconcileReport report =
        h.reconciler()
            .reconcile(
                ReconcileRequest.dryRun(h.folder(descriptor("demo", container("web", WEB_V1)))));

    assertThat(report.mode()).isEqualTo(ReconcileMode.DRY_RUN);
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::reason)
        .containsExactly("missing");
    // only the private staging area exists: no snapshot, no running-config, no lock
    try (Stream<Path> walk = Files.walk(h.stateRoot)) {
      assertThat(walk)
          .containsExactlyInAnyOrder(h.stateRoot, h.stateRoot.resolve(".stow"), stagingDir());
    }
    assertThat(h.docker.mutatingCalls()).isEmpty();
    assertThat(h.docker.calls()).noneMatch(c -> c.startsWith("imagePresent"));
    assertThat(stagingListing()).containsExactly(stagingDir());
    assertThat(report.changedHost()).isFalse();
  }

  @Test
  void dryRun_sweepsThePlaintextThatAKilledRunLeftInStaging() throws Exception {
    Process killed = new ProcessBuilder("true").start();
    killed.waitFor();
    Path leftover =
        Files.createDirectories(stagingDir().resolve("dry-run-" + killed.pid() + "-0-1"));
    Files.writeString(leftover.resolve("secret.env"), "TOKEN=plaintext\n");

    h.reconciler()
        .reconcile(ReconcileRequest.dryRun(h.folder(descriptor("demo", container("web", WEB_V1)))));

    assertThat(leftover).doesNotExist();
    assertThat(stagingListing()).containsExactly(stagingDir());
  }

  @Test
  void dryRun_changesNothingOnADeployedHost() throws IOException {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1))));
    List<String> stateBefore = h.stateListing();
    List<String> mutatingBefore = h.docker.mutatingCalls();

    Plan plan = h.reconciler().plan(h.folder(descriptor("demo", container("web", WEB_V2))));

    assertThat(plan.actions())
        .extracting(PlannedAction::container, PlannedAction::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", ActionKind.REPLACE),
            org.assertj.core.groups.Tuple.tuple("db", ActionKind.DELETE));
    assertThat(h.stateListing()).isEqualTo(stateBefore);
    assertThat(h.docker.mutatingCalls()).isEqualTo(mutatingBefore);
    assertThat(stagingListing()).containsExactly(stagingDir());
  }

  @Test
  void dryRun_reportsAnUnmanagedContainerConflictWithoutTouchingIt() throws IOException {
    h.docker.addContainer("web", "nginx", java.util.Map.of(), true);
    LocalDirectorySource source = h.folder(descriptor("demo", container("web", WEB_V1)));

    assertThatThrownBy(() -> h.reconciler().reconcile(ReconcileRequest.dryRun(source)))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("not managed by deployment 'demo'");
    assertThat(h.docker.mutatingCalls()).isEmpty();
    assertThat(stagingListing()).containsExactly(stagingDir());
  }

  @Test
  void planJson_carriesHashesActionsAndEnvNamesWithRedactedValues() throws IOException {
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1).env("DATABASE_PASSWORD", "hunter2-sentinel").build();
    ReconcileReport report =
        h.reconciler().reconcile(ReconcileRequest.dryRun(h.folder(descriptor("demo", web))));

    String json = PlanDocument.of(report).toJson();
    JsonNode tree = new ObjectMapper().readTree(json);

    assertThat(json).doesNotContain("hunter2-sentinel");
    assertThat(tree.get("deployment").asText()).isEqualTo("demo");
    assertThat(tree.get("revision").asText()).isEqualTo("local");
    assertThat(tree.get("dry_run").asBoolean()).isTrue();
    assertThat(tree.get("hashes").fieldNames())
        .toIterable()
        .containsExactly("manifest_hash", "config_hash", "secrets_hash", "deployment_hash");
    assertThat(tree.get("hashes").get("deployment_hash").asText())
        .isEqualTo(report.hashes().orElseThrow().deploymentHash());
    JsonNode action = tree.get("actions").get(0);
    assertThat(action.get("container").asText()).isEqualTo("web");
    assertThat(action.get("action").asText()).isEqualTo("replace");
    assertThat(action.get("reason").asText()).isEqualTo("missing");
    assertThat(action.get("image").asText()).isEqualTo(WEB_V1.toString());
    JsonNode env = tree.get("desired").get("containers").get(0).get("env");
    assertThat(env.get("DATABASE_PASSWORD").asText()).isEqualTo("<redacted>");
    // the original tool's shape, for scripts written for it
    JsonNode operation = tree.get("plan").get("operations").get(0);
    assertThat(operation.get("kind").asText()).isEqualTo("Replace");
    assertThat(operation.get("container").asText()).isEqualTo("web");
  }

  @Test
  void reportJson_rendersTheWholeReportWithoutSecrets() throws IOException {
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).env("TOKEN", "sentinel-value").build();
    ReconcileReport report = h.reconcile(h.folder(descriptor("demo", web)));

    String json = ReportDocument.of(report).toJson();
    JsonNode tree = new ObjectMapper().readTree(json);

    assertThat(json).doesNotContain("sentinel-value");
    assertThat(tree.get("status").asText()).isEqualTo("succeeded");
    assertThat(tree.get("containers").get(0).get("result").asText()).isEqualTo("started");
    assertThat(tree.get("verification").get("passed").asBoolean()).isTrue();
    assertThat(tree.get("durations_ms").has("verify")).isTrue();
  }
}
