package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.docker.ContainerState;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowYaml;
import io.stow.it.support.StowYaml.Container;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed deployments against the real Docker engine: a crash loop and a container that turns
 * unhealthy roll back to the previous deployment; a failing first deployment is removed, keeping
 * its last log lines; an image the registry lacks fails before anything running is touched.
 */
class RollbackIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  /** A good deployment: {@code app} sleeps on image 1 and {@code side} sleeps on image 1. */
  private DeploymentFolder good(String deployment) {
    return DeploymentFolder.at(
        temp.resolve("good"),
        StowYaml.deployment(deployment)
            .verify("15s", "1s")
            .container(
                Container.of(docker.name(deployment + "-app"), image1)
                    .command("sleep", "3600")
                    .restartPolicy("always"))
            .container(
                Container.of(docker.name(deployment + "-side"), image1).command("sleep", "3600")));
  }

  /** The good deployment with {@code app} replaced on image 2. */
  private DeploymentFolder bad(String deployment, String timeout, String stable, Container app) {
    return DeploymentFolder.at(
        temp.resolve("bad"),
        StowYaml.deployment(deployment)
            .verify(timeout, stable)
            .container(app)
            .container(
                Container.of(docker.name(deployment + "-side"), image1).command("sleep", "3600")));
  }

  @Test
  void crashLoopingContainer_isRolledBackToThePreviousDeploymentWhichVerifies() throws Exception {
    String deployment = docker.name("crash");
    EmbeddedStow stow = EmbeddedStow.on(docker, temp.resolve("state"));
    ReconcileReport good = stow.reconcile(good(deployment).path());
    String goodHash = good.hashes().orElseThrow().deploymentHash();

    ReconcileException failure =
        stow.reconcileFailing(
            bad(
                    deployment,
                    "5s",
                    "2s",
                    Container.of(docker.name(deployment + "-app"), image2)
                        .shell("sleep 1; exit 1")
                        .restartPolicy("on-failure"))
                .path());

    assertRolledBackTo(stow, deployment, failure, goodHash);
    assertThat(failure.report().verification().orElseThrow().lastProblems())
        .anyMatch(p -> p.contains(docker.name(deployment + "-app")) && p.contains("restart"));
  }

  @Test
  void containerTurningUnhealthy_isRolledBackToThePreviousDeploymentWhichVerifies()
      throws Exception {
    String deployment = docker.name("unhealthy");
    EmbeddedStow stow = EmbeddedStow.on(docker, temp.resolve("state"));
    ReconcileReport good = stow.reconcile(good(deployment).path());
    String goodHash = good.hashes().orElseThrow().deploymentHash();

    // healthy at first, unhealthy once the command deletes the file the healthcheck looks for
    ReconcileException failure =
        stow.reconcileFailing(
            bad(
                    deployment,
                    "10s",
                    "6s",
                    Container.of(docker.name(deployment + "-app"), image2)
                        .shell("touch /tmp/ok; sleep 3; rm /tmp/ok; exec sleep 3600")
                        .healthcheck(List.of("CMD", "test", "-f", "/tmp/ok"), "300ms", 1))
                .path());

    assertRolledBackTo(stow, deployment, failure, goodHash);
    assertThat(failure.report().verification().orElseThrow().lastProblems())
        .contains(docker.name(deployment + "-app") + ": health unhealthy");
    // it was healthy in between: the timeline shows a sample without problems
    assertThat(failure.report().verification().orElseThrow().timeline())
        .anyMatch(s -> s.problems().isEmpty());
  }

  private void assertRolledBackTo(
      EmbeddedStow stow, String deployment, ReconcileException failure, String goodHash)
      throws Exception {
    ReconcileReport report = failure.report();
    assertThat(failure.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(report.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(report.verification().orElseThrow().passed()).isFalse();
    assertThat(failure.getMessage())
        .contains("failed")
        .contains("rolled back to v1:" + goodHash + ", which passed verification");
    RollbackReport rollback = report.rollback().orElseThrow();
    assertThat(rollback.kind()).isEqualTo(RollbackReport.Kind.RESTORE_PREVIOUS);
    assertThat(rollback.succeeded()).isTrue();
    assertThat(rollback.targetHash()).contains(goodHash);
    assertThat(rollback.verification().orElseThrow().passed()).isTrue();
    assertThat(stow.events(ReconcileEvent.RollbackStarted.class))
        .singleElement()
        .satisfies(r -> assertThat(r.targetHash()).contains(goodHash));

    // the previous deployment runs again, verified, on image 1
    Map<String, ContainerState> containers = HostFacts.containers(docker, deployment);
    assertThat(containers)
        .containsOnlyKeys(docker.name(deployment + "-app"), docker.name(deployment + "-side"));
    assertThat(containers.values())
        .allSatisfy(
            c -> {
              assertThat(c.running()).isTrue();
              assertThat(c.restartCount()).isZero();
              assertThat(c.image()).isEqualTo(image1.toString());
              assertThat(c.labels()).containsEntry("stow.hash", "v1:" + goodHash);
            });
    Path state = stow.stateRoot();
    assertThat(state.resolve("running-config").toRealPath())
        .isEqualTo(state.resolve(".stow/snapshots/" + goodHash).toRealPath());
    assertThat(Files.exists(state.resolve("running-config.previous"))).isFalse();
  }

  @Test
  void failingFirstDeployment_leavesNoContainersAndKeepsTheirLastLogLines() {
    String deployment = docker.name("firstfail");
    String app = docker.name(deployment + "-app");
    String side = docker.name(deployment + "-side");
    Path state = temp.resolve("state");
    EmbeddedStow stow = EmbeddedStow.on(docker, state);
    DeploymentFolder folder =
        DeploymentFolder.at(
            temp.resolve("v1"),
            StowYaml.deployment(deployment)
                .verify("3s", "1s")
                .container(
                    Container.of(app, image1)
                        .shell("echo boot-marker-7f3a; echo about to fail >&2; exit 3"))
                .container(Container.of(side, image1).command("sleep", "3600")));

    ReconcileException failure = stow.reconcileFailing(folder.path());

    assertThat(failure.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(failure.getMessage())
        .contains(app + ": not running")
        .contains("exit code 3")
        .contains("there was no previous deployment: its containers were removed");
    RollbackReport rollback = failure.report().rollback().orElseThrow();
    assertThat(rollback.kind()).isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(rollback.succeeded()).isTrue();
    assertThat(rollback.containerLogs()).containsOnlyKeys(app, side);
    assertThat(rollback.containerLogs().get(app)).contains("boot-marker-7f3a", "about to fail");
    assertThat(HostFacts.containers(docker, deployment)).isEmpty();
    assertThat(docker.host().inspect(app)).isEmpty();
    assertThat(docker.host().inspect(side)).isEmpty();
    assertThat(Files.exists(state.resolve("running-config"))).isFalse();
    assertThat(Files.exists(state.resolve("running-config.previous"))).isFalse();
  }

  @Test
  void imageDigestMissingFromRegistry_failsBeforeRunningContainersAreTouched() {
    String deployment = docker.name("nopull");
    Path state = temp.resolve("state");
    EmbeddedStow stow = EmbeddedStow.on(docker, state);
    ReconcileReport good = stow.reconcile(good(deployment).path());
    String goodHash = good.hashes().orElseThrow().deploymentHash();
    Map<String, String> before = HostFacts.fingerprint(docker, deployment);
    stow.clearEvents();

    ImageRef missing = TestImages.get().missing();
    ReconcileException failure =
        stow.reconcileFailing(
            bad(
                    deployment,
                    "15s",
                    "1s",
                    Container.of(docker.name(deployment + "-app"), missing)
                        .command("sleep", "3600"))
                .path());

    assertThat(failure.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(failure.getMessage())
        .contains(missing.toString())
        .contains("nothing on the host was changed");
    assertThat(failure.report().rollback()).isEmpty();
    assertThat(stow.events(ReconcileEvent.ContainerChanged.class)).isEmpty();
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(before).hasSize(2);
    assertThat(HostFacts.containers(docker, deployment).values())
        .allSatisfy(c -> assertThat(c.labels()).containsEntry("stow.hash", "v1:" + goodHash));
    assertThat(state.resolve(".stow/snapshots/" + goodHash)).isDirectory();
    assertThat(stateLink(state)).isEqualTo(goodHash);
    assertThat(Files.exists(state.resolve("running-config.previous"))).isFalse();
  }

  private static String stateLink(Path state) {
    try {
      return state.resolve("running-config").toRealPath().getFileName().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
