package io.stow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.docker.ImageBuild;
import io.stow.engine.ReconcileEvent.BuildOutput;
import io.stow.engine.ReconcileEvent.DependencyReady;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose deployments through the whole engine, on the fake Docker host. */
class ComposeReconcileTest {

  static final String DB_IMAGE = "registry.example:5000/apps/db:1.0@sha256:" + "c".repeat(64);

  static final String COMPOSE =
      """
      x-stow:
        verify: {timeout: 30s, stable: 5s}
      services:
        web:
          build:
            context: ./web
            args:
              TOKEN: ${TOKEN}
          ports: ["127.0.0.1:8080:80"]
          depends_on:
            db:
              condition: service_healthy
        db:
          image: %s
          volumes: [db-data:/var/lib/db]
          healthcheck:
            test: ["CMD", "true"]
      volumes:
        db-data:
      """
          .formatted(DB_IMAGE);

  @TempDir Path tmp;
  private EngineHarness h;
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
    dir = Files.createDirectories(tmp.resolve("shop"));
    write("compose.yaml", COMPOSE);
    write(".env", "TOKEN=s3cr3t-build-token\n");
    write("web/Dockerfile", "FROM base\n");
    write("web/index.html", "v1\n");
  }

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private ReconcileReport reconcile() {
    return h.reconcile(new LocalDirectorySource(dir));
  }

  @Test
  void reconcile_buildsCreatesVolumeAndNetworkAndStartsTheDependencyFirst() {
    ReconcileReport report = reconcile();

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.deploymentName()).contains("shop");
    assertThat(h.docker.volumes()).containsKey("shop_db-data");
    assertThat(h.docker.volumes().get("shop_db-data"))
        .containsEntry(StowLabels.DEPLOYMENT, "shop")
        .containsEntry("com.docker.compose.volume", "db-data");
    assertThat(h.docker.networks()).containsKey("shop_default");
    List<String> calls = h.docker.mutatingCalls();
    assertThat(calls.indexOf("start shop-db-1")).isLessThan(calls.indexOf("create shop-web-1"));
    assertThat(h.events.of(DependencyReady.class))
        .extracting(DependencyReady::container, DependencyReady::dependency)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-web-1", "shop-db-1"));
    ImageBuild build = h.docker.builds().get(0);
    assertThat(build.tag()).matches("stow/shop-web:[0-9a-f]{12}");
    assertThat(build.context().getFileName().toString()).isEqualTo("web");
    assertThat(build.args()).containsEntry("TOKEN", "s3cr3t-build-token");
    assertThat(h.docker.container("shop-web-1").orElseThrow().image).isEqualTo(build.tag());
    assertThat(h.docker.container("shop-web-1").orElseThrow().labels)
        .containsEntry("com.docker.compose.project", "shop")
        .containsEntry("com.docker.compose.service", "web")
        .containsEntry(StowLabels.DEPLOYMENT, "shop");
    assertThat(report.builds()).singleElement().satisfies(b -> assertThat(b.built()).isTrue());
    assertThat(report.durations()).containsKey("build");
  }

  @Test
  void reconcile_neverShowsADotenvValueInBuildOutputPlanOrReport() {
    ReconcileReport report = reconcile();

    assertThat(h.events.of(BuildOutput.class))
        .extracting(BuildOutput::line)
        .contains("ARG value ***")
        .noneMatch(l -> l.contains("s3cr3t"));
    assertThat(report.builds().get(0).output()).noneMatch(l -> l.contains("s3cr3t"));
    assertThat(PlanDocument.of(report).toJson()).doesNotContain("s3cr3t");
    assertThat(report.desired().orElseThrow().toYaml()).doesNotContain("s3cr3t");
  }

  @Test
  void reconcile_buildsAgainExactlyWhenTheContextChanges() throws IOException {
    reconcile();
    String first = h.docker.builds().get(0).tag();

    assertThat(reconcile().plan().orElseThrow().isNoop()).isTrue();
    assertThat(h.docker.builds()).hasSize(1);

    write("notes.txt", "outside the build context\n");
    ReconcileReport unrelated = reconcile();
    assertThat(h.docker.builds()).hasSize(1);
    assertThat(unrelated.builds()).singleElement().satisfies(b -> assertThat(b.built()).isFalse());
    assertThat(h.docker.container("shop-web-1").orElseThrow().image).isEqualTo(first);

    write("web/index.html", "v2\n");
    reconcile();
    assertThat(h.docker.builds()).hasSize(2);
    assertThat(h.docker.builds().get(1).tag()).isNotEqualTo(first);
  }

  @Test
  void reconcile_aFailedBuildFailsBeforeAnythingRunningIsTouched() throws IOException {
    reconcile();
    int before = h.docker.mutatingCalls().size();
    write("web/index.html", "broken\n");
    h.docker.failBuild("stow/shop-web");

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("shop-web-1", "failed to build", "non-zero code: 127");
    assertThat(h.docker.mutatingCalls()).hasSize(before);
    assertThat(h.docker.container("shop-web-1").orElseThrow().running).isTrue();
    assertThat(e.report().builds().get(0).error()).isPresent();
    assertThat(io.stow.engine.render.ReportDocument.of(e.report()).toJson())
        .contains("\"builds\"", "non-zero code: 127");
    assertThat(e.report().builds().get(0).output()).contains("/bin/sh: make: not found");
  }

  @Test
  void reconcile_anUnhealthyDependencyRollsBackToTheContainersThatServed() throws IOException {
    reconcile();
    String servingTag = h.docker.container("shop-web-1").orElseThrow().image;
    write("compose.yaml", COMPOSE.replace("[\"CMD\", \"true\"]", "[\"CMD\", \"false\"]"));
    // only the new db, whose healthcheck runs false, turns unhealthy; the restored one is healthy
    h.docker.behaviour(
        "shop-db-1",
        (c, poll, now) -> {
          boolean failing =
              c.request
                  .flatMap(r -> r.spec().healthcheck())
                  .map(hc -> hc.test().contains("false"))
                  .orElse(false);
          c.health = java.util.Optional.of(failing ? "unhealthy" : "healthy");
        });

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.status()).as(e.getMessage()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(e.getMessage()).contains("shop-web-1 depends on shop-db-1", "unhealthy");
    h.docker.clearBehaviour("shop-db-1");
    assertThat(h.docker.container("shop-db-1").orElseThrow().running).isTrue();
    assertThat(h.docker.container("shop-web-1").orElseThrow().image).isEqualTo(servingTag);
  }

  @Test
  void reconcile_aJobThatCompletesRunsBeforeItsDependantAndOnlyOnce() throws IOException {
    write(
        "compose.yaml",
        """
        x-stow:
          verify: {timeout: 30s, stable: 5s}
        services:
          migrate:
            image: %s
            command: ["migrate"]
          web:
            image: %s
            depends_on:
              migrate:
                condition: service_completed_successfully
        """
            .formatted(DB_IMAGE, DB_IMAGE));
    h.docker.behaviour("shop-migrate-1", FakeDockerHost.exitsAfterPolls(2, 0));

    ReconcileReport first = reconcile();

    assertThat(first.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(h.docker.container("shop-migrate-1").orElseThrow().exitCode).contains(0);
    List<String> calls = h.docker.mutatingCalls();
    assertThat(calls.indexOf("start shop-migrate-1"))
        .isLessThan(calls.indexOf("create shop-web-1"));

    ReconcileReport second = reconcile();
    assertThat(second.plan().orElseThrow().actions())
        .extracting(PlannedAction::container, PlannedAction::reason)
        .contains(org.assertj.core.groups.Tuple.tuple("shop-migrate-1", PlannedAction.COMPLETED));
    assertThat(second.plan().orElseThrow().isNoop()).isTrue();
  }

  @Test
  void reconcile_aJobThatFailsFailsTheApply() throws IOException {
    write(
        "compose.yaml",
        """
        services:
          migrate:
            image: %s
          web:
            image: %s
            depends_on:
              migrate: {condition: service_completed_successfully}
        """
            .formatted(DB_IMAGE, DB_IMAGE));
    h.docker.behaviour("shop-migrate-1", FakeDockerHost.exitsAfterPolls(0, 3));

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.getMessage()).contains("exited, exit code 3", "must complete with exit code 0");
    assertThat(h.docker.containers()).isEmpty();
  }

  @Test
  void reconcile_runsOnlyTheServicesOfTheHostsProfiles() throws IOException {
    write(
        "compose.yaml",
        "services:\n  web:\n    image: %s\n  debug:\n    image: %s\n    profiles: [debug]\n"
            .formatted(DB_IMAGE, DB_IMAGE));

    reconcile();
    assertThat(h.docker.containers()).containsOnlyKeys("shop-web-1");

    new Reconciler(h.contextBuilder().composeProfiles(List.of("debug")).build())
        .reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(dir)));
    assertThat(h.docker.containers()).containsOnlyKeys("shop-web-1", "shop-debug-1");
  }

  @Test
  void reconcile_refusesAFolderWithStowYamlAndACompose() throws IOException {
    write("stow.yaml", "deployment:\n  name: shop\ncontainers: []\n");

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("stow.yaml and compose.yaml");
  }

  @Test
  void reconcile_refusesAMissingBuildContextBeforeAnythingChanges() throws IOException {
    write("compose.yaml", COMPOSE.replace("./web", "./nowhere"));

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("build context './nowhere'", "does not exist");
    assertThat(h.docker.mutatingCalls()).isEmpty();
  }

  @Test
  void repair_loadsTheRunningComposeSnapshotUnderItsProjectName() {
    reconcile();
    h.docker.container("shop-db-1").orElseThrow().running = false;

    ReconcileReport repaired = h.reconciler().repair();

    assertThat(repaired.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(repaired.deploymentName()).contains("shop");
    assertThat(h.docker.container("shop-db-1").orElseThrow().running).isTrue();
    assertThat(Map.copyOf(h.docker.volumes())).containsKey("shop_db-data");
  }
}
