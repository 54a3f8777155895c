package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.docker.ContainerState;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowYaml;
import io.stow.it.support.StowYaml.Container;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile engine, embedded, against the real Docker engine and registry: a first deployment,
 * a no-op re-run, a config change with a removed container, and a name clash with a container stow
 * does not manage.
 */
class ReconcileLifecycleIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final List<String> HTTP_CHECK =
      List.of("CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/");

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  /** web (httpd with a healthcheck) and worker (prints its config file, then sleeps). */
  private StowYaml twoContainers(String deployment, boolean withWorker) {
    StowYaml yaml =
        StowYaml.deployment(deployment)
            .verify("15s", "2s")
            .container(
                Container.of(docker.name(deployment + "-web"), image1)
                    .command("httpd", "-f", "-p", "8080", "-h", "/www")
                    .restartPolicy("always")
                    .healthcheck(HTTP_CHECK, "300ms", 3));
    if (withWorker) {
      yaml.container(
          Container.of(docker.name(deployment + "-worker"), image2)
              .shell("cat /etc/stow/app.conf; exec sleep 3600")
              .volume("app.conf", "/etc/stow/app.conf", true));
    }
    return yaml;
  }

  @Test
  void firstDeployment_appliesVerifiesLabelsAndRecordsAPrivateSnapshot() throws Exception {
    String deployment = docker.name("first");
    DeploymentFolder folder =
        DeploymentFolder.at(temp.resolve("v1"), twoContainers(deployment, true))
            .file("app.conf", "greeting=hello\n");
    Path state = temp.resolve("state");
    EmbeddedStow stow = EmbeddedStow.on(docker, state);

    ReconcileReport report = stow.reconcile(folder.path());

    ExpectedHashes expected = ExpectedHashes.of(folder.path(), Set.of());
    String hash = expected.deployment();
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.hashes().orElseThrow().deploymentHash()).isEqualTo(hash);
    assertThat(report.hashes().orElseThrow().manifestHash()).isEqualTo(expected.manifest());
    assertThat(report.hashes().orElseThrow().configHash()).isEqualTo(expected.config());
    assertThat(report.runningHash()).isEmpty();
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::kind, PlannedAction::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ActionKind.REPLACE, PlannedAction.MISSING),
            org.assertj.core.groups.Tuple.tuple(ActionKind.REPLACE, PlannedAction.MISSING));
    assertThat(report.containers())
        .extracting(ContainerOutcome::result)
        .containsOnly(ContainerOutcome.Result.STARTED);
    assertThat(report.verification().orElseThrow().passed()).isTrue();
    assertThat(report.verification().orElseThrow().elapsed())
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    // Docker: both containers run the deployment, labelled; web is healthy
    Map<String, ContainerState> containers = HostFacts.containers(docker, deployment);
    String web = docker.name(deployment + "-web");
    String worker = docker.name(deployment + "-worker");
    assertThat(containers).containsOnlyKeys(web, worker);
    for (ContainerState c : containers.values()) {
      assertThat(c.running()).as("%s running", c.name()).isTrue();
      assertThat(c.restartCount()).isZero();
      assertThat(c.labels())
          .containsEntry("stow.deployment", deployment)
          .containsEntry("stow.hash", "v1:" + hash);
    }
    assertThat(containers.get(web).health()).contains("healthy");
    assertThat(containers.get(web).image()).isEqualTo(image1.toString());
    assertThat(containers.get(worker).image()).isEqualTo(image2.toString());
    // the relative volume source is the snapshot's copy of app.conf
    assertThat(docker.host().logTail(containers.get(worker).id(), 5)).contains("greeting=hello");

    // state: snapshot, running-config symlink, metadata, permissions
    Path snapshot = state.resolve(".stow/snapshots/" + hash);
    Path running = state.resolve("running-config");
    assertThat(Files.isSymbolicLink(running)).isTrue();
    assertThat(Files.readSymbolicLink(running)).isEqualTo(snapshot);
    assertThat(state.resolve("running-config.previous")).doesNotExist();
    assertThat(snapshot.resolve("stow.yaml"))
        .hasSameTextualContentAs(folder.path().resolve("stow.yaml"));
    assertThat(snapshot.resolve("app.conf")).hasContent("greeting=hello");
    assertThat(snapshot.resolve(".git-revision")).hasContent("local");
    assertThat(snapshot.resolve(".config-sha256")).hasContent(hash);
    assertThat(snapshot.resolve(".deployment-name")).hasContent(deployment);
    JsonNode meta = new ObjectMapper().readTree(snapshot.resolve(".stow-snapshot.json").toFile());
    assertThat(meta.path("deployment").asText()).isEqualTo(deployment);
    assertThat(meta.path("deployment_hash").asText()).isEqualTo(hash);
    assertThat(meta.path("manifest_hash").asText()).isEqualTo(expected.manifest());
    assertThat(meta.path("config_hash").asText()).isEqualTo(expected.config());
    assertThat(Files.readString(snapshot.resolve(".stow-rendered-manifest.yaml")))
        .contains(web)
        .contains(worker);
    assertPrivateTree(state.resolve(".stow"));
  }

  @Test
  void rerunWithNothingChanged_isAllNoopWithoutPullsStopsOrRestarts() {
    String deployment = docker.name("noop");
    DeploymentFolder folder =
        DeploymentFolder.at(temp.resolve("v1"), twoContainers(deployment, true))
            .file("app.conf", "greeting=hello\n");
    EmbeddedStow stow = EmbeddedStow.on(docker, temp.resolve("state"));
    ReconcileReport first = stow.reconcile(folder.path());
    Map<String, String> before = HostFacts.fingerprint(docker, deployment);
    stow.clearEvents();

    ReconcileReport again = stow.reconcile(folder.path());

    assertThat(again.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(again.runningHash()).isEqualTo(first.hashes().map(h -> h.deploymentHash()));
    assertThat(again.plan().orElseThrow().isNoop()).isTrue();
    assertThat(again.plan().orElseThrow().actions())
        .extracting(PlannedAction::kind, PlannedAction::reason)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(ActionKind.NOOP, PlannedAction.UP_TO_DATE));
    assertThat(again.changedHost()).isFalse();
    assertThat(stow.events(ReconcileEvent.PullProgressed.class)).isEmpty();
    assertThat(stow.events(ReconcileEvent.ImageReady.class))
        .noneMatch(ReconcileEvent.ImageReady::pulled);
    assertThat(stow.events(ReconcileEvent.ContainerChanged.class)).isEmpty();
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(before).hasSize(2);
  }

  @Test
  void configFileChange_replacesContainersAndRemovedContainerIsDeleted() {
    String deployment = docker.name("change");
    DeploymentFolder v1 =
        DeploymentFolder.at(temp.resolve("v1"), twoContainers(deployment, true))
            .file("app.conf", "greeting=hello\n");
    EmbeddedStow stow = EmbeddedStow.on(docker, temp.resolve("state"));
    ReconcileReport first = stow.reconcile(v1.path());
    Map<String, ContainerState> before = HostFacts.containers(docker, deployment);
    String web = docker.name(deployment + "-web");
    String worker = docker.name(deployment + "-worker");

    // only app.conf changes: every container carries the deployment hash, so all are replaced
    v1.file("app.conf", "greeting=changed\n");
    ReconcileReport changed = stow.reconcile(v1.path());

    String oldHash = first.hashes().orElseThrow().deploymentHash();
    String newHash = changed.hashes().orElseThrow().deploymentHash();
    assertThat(newHash).isNotEqualTo(oldHash);
    assertThat(changed.hashes().orElseThrow().manifestHash())
        .isEqualTo(first.hashes().orElseThrow().manifestHash());
    assertThat(changed.plan().orElseThrow().actions())
        .allSatisfy(
            a -> {
              assertThat(a.kind()).isEqualTo(ActionKind.REPLACE);
              assertThat(a.reason()).startsWith(PlannedAction.STALE_HASH + " v1:" + oldHash);
            });
    Map<String, ContainerState> after = HostFacts.containers(docker, deployment);
    assertThat(after.get(web).id()).isNotEqualTo(before.get(web).id());
    assertThat(after.get(worker).id()).isNotEqualTo(before.get(worker).id());
    assertThat(after.values())
        .allSatisfy(c -> assertThat(c.labels()).containsEntry("stow.hash", "v1:" + newHash));
    assertThat(docker.host().logTail(after.get(worker).id(), 5)).contains("greeting=changed");
    assertThat(docker.host().inspect(before.get(worker).id())).isEmpty();

    // worker leaves stow.yaml: it is deleted, web stays untouched
    DeploymentFolder v2 =
        DeploymentFolder.at(temp.resolve("v2"), twoContainers(deployment, false))
            .file("app.conf", "greeting=changed\n");
    ReconcileReport removed = stow.reconcile(v2.path());

    assertThat(removed.plan().orElseThrow().actions())
        .filteredOn(a -> a.container().equals(worker))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(ActionKind.DELETE);
              assertThat(a.reason()).isEqualTo(PlannedAction.NOT_IN_MANIFEST);
            });
    assertThat(removed.containers())
        .filteredOn(o -> o.container().equals(worker))
        .extracting(ContainerOutcome::result)
        .containsExactly(ContainerOutcome.Result.DELETED);
    assertThat(HostFacts.containers(docker, deployment)).containsOnlyKeys(web);
    assertThat(docker.host().inspect(worker)).isEmpty();
    assertThat(HostFacts.containers(docker, deployment).get(web).labels())
        .containsEntry("stow.hash", "v1:" + removed.hashes().orElseThrow().deploymentHash());
  }

  @Test
  void unmanagedContainerWithDesiredName_isLeftUntouchedAndReconcileFailsClearly() {
    String deployment = docker.name("clash");
    String squatter = docker.name(deployment + "-web");
    String squatterId =
        docker
            .client()
            .createContainerCmd(image1.toString())
            .withName(squatter)
            .withLabels(docker.labels())
            .withCmd("sleep", "3600")
            .exec()
            .getId();
    docker.client().startContainerCmd(squatterId).exec();
    ContainerState squatterBefore =
        docker.await(squatterId, "running", Duration.ofSeconds(10), ContainerState::running);
    DeploymentFolder folder =
        DeploymentFolder.at(temp.resolve("v1"), twoContainers(deployment, true))
            .file("app.conf", "greeting=hello\n");
    Path state = temp.resolve("state");
    EmbeddedStow stow = EmbeddedStow.on(docker, state);

    ReconcileException failure = stow.reconcileFailing(folder.path());

    assertThat(failure.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(failure.getMessage())
        .contains("'" + squatter + "'")
        .contains("no stow.deployment label")
        .contains("not managed by deployment '" + deployment + "'")
        .contains("remove or rename it by hand");
    assertThat(failure.report().failure()).isPresent();
    ContainerState squatterAfter = docker.host().inspect(squatterId).orElseThrow();
    assertThat(squatterAfter.running()).isTrue();
    assertThat(squatterAfter.startedAt()).isEqualTo(squatterBefore.startedAt());
    assertThat(squatterAfter.labels()).doesNotContainKeys("stow.deployment", "stow.hash");
    assertThat(HostFacts.containers(docker, deployment)).isEmpty();
    assertThat(stow.events(ReconcileEvent.ContainerChanged.class)).isEmpty();
    assertThat(state.resolve("running-config")).doesNotExist();
  }

  private static void assertPrivateTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String mode =
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          assertThat(mode).as("mode of directory %s", p).isEqualTo("rwx------");
        } else {
          assertThat(mode).as("mode of file %s", p).isEqualTo("rw-------");
        }
      }
    }
  }
}
