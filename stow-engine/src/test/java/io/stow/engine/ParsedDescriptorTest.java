package io.stow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.plan.PlannedAction;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with its default descriptor loader, the real stow.yaml parser. */
class ParsedDescriptorTest {

  private static final Path DEMO = Path.of("../examples/demo");

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  @Test
  void reconcile_deploysTheDemoExampleParsedFromStowYaml() throws IOException {
    Reconciler reconciler =
        new Reconciler(
            ReconcileContext.builder()
                .docker(h.docker)
                .stateRoot(h.stateRoot)
                .clock(h.clock)
                .sleeper(h.clock)
                .events(h.events)
                .build());

    ReconcileReport report =
        reconciler.reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(DEMO)));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.deploymentName()).contains("demo");
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::container)
        .containsExactly("demo-web", "demo-worker");
    assertThat(report.verification().orElseThrow().stable()).isEqualTo(Duration.ofSeconds(3));
    assertThat(h.docker.networks()).containsKey("demo-net");
    var web = h.docker.container("demo-web").orElseThrow();
    assertThat(web.labels).containsEntry(StowLabels.DEPLOYMENT, "demo");
    assertThat(web.request.orElseThrow().binds().get(0).hostPath())
        .endsWith(".stow/snapshots/" + report.hashes().orElseThrow().deploymentHash() + "/site");
    assertThat(h.docker.container("demo-worker").orElseThrow().request.orElseThrow().env())
        .containsEntry("GREETING", "hello from stow");
    assertThat(PlanDocument.of(report).toJson()).doesNotContain("hello from stow");
    assertThat(web.image).endsWith("@sha256:" + "0".repeat(64));
  }

  @Test
  void reconcile_reportsParserProblemsWithTheirLocationBeforeAnyChange() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n  name: demo\ncontainers:\n  - name: web\n    image: nginx:latest\n");

    ReconcileException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ReconcileException.class,
            () ->
                new Reconciler(
                        ReconcileContext.builder()
                            .docker(h.docker)
                            .stateRoot(h.stateRoot)
                            .clock(h.clock)
                            .sleeper(h.clock)
                            .build())
                    .reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(dir))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("invalid stow.yaml", "stow.yaml", ":5:", "digest");
    assertThat(h.docker.calls()).isEmpty();
  }
}
