package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stow.docker.ContainerState;
import io.stow.engine.faults.FaultInjection;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL of {@code stow reconcile} at each step of an update (after the pull, after the snapshot
 * rotation, after the first stop, after the first start, during verification): the next run rolls
 * the interrupted apply back, then converges, and ends verified with no orphan container, no stale
 * lock and no leftover staging.
 */
class CliFaultInjectionIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"step:pull", "step:snapshot", "stopped", "started", "verify"})
  void killedAtAnyStep_theNextRunEndsVerifiedWithNoOrphansAndNoStaleLock(String point)
      throws Exception {
    String deployment = docker.name("kill");
    String web = docker.name(deployment + "-web");
    String side = docker.name(deployment + "-side");
    Path state = temp.resolve("state");
    DeploymentFolder v1 =
        DeploymentFolder.at(
            temp.resolve("v1"),
            StowYaml.deployment(deployment)
                .verify("20s", "1s")
                .container(sleeper(web, image1))
                .container(sleeper(side, image1)));
    assertThat(reconcile("v1", v1, state, Map.of()).exitCode()).isZero();
    DeploymentFolder v2 =
        DeploymentFolder.at(
            temp.resolve("v2"),
            StowYaml.deployment(deployment)
                .verify("20s", "1s")
                .container(sleeper(web, image2))
                .container(sleeper(side, image1))
                .container(sleeper(docker.name(deployment + "-new"), image2)));

    StowProcess killed =
        StowProcess.start(
            temp.resolve("logs"),
            "killed",
            null,
            Map.of(FaultInjection.VARIABLE, point),
            "reconcile",
            "--dir",
            v2.toString(),
            "--state-dir",
            state.toString());
    awaitMarker(killed, point);
    killed.kill();

    StowProcess.Result next = reconcile("next", v2, state, Map.of());

    assertThat(next.exitCode()).as("%s", next).isZero();
    String hash2 = ExpectedHashes.of(v2.path(), Set.of()).deployment();
    Map<String, ContainerState> containers = HostFacts.containers(docker, deployment);
    assertThat(containers.keySet())
        .containsExactlyInAnyOrder(web, side, docker.name(deployment + "-new"));
    assertThat(containers.values())
        .allSatisfy(
            c -> {
              assertThat(c.running()).isTrue();
              assertThat(c.labels()).containsEntry("stow.hash", "v1:" + hash2);
            });
    assertThat(state.resolve(".stow/lock")).doesNotExist();
    assertThat(state.resolve("running-config.previous")).doesNotExist();
    assertThat(state.resolve(".stow/staging")).isEmptyDirectory();
    assertThat(state.resolve("running-config").toRealPath())
        .isEqualTo(state.resolve(".stow/snapshots/" + hash2).toRealPath());
    // no container of these names is left outside the deployment's label either
    assertThat(HostFacts.containers(docker, deployment)).hasSize(3);
  }

  private StowYaml.Container sleeper(String name, ImageRef image) {
    return StowYaml.Container.of(name, image).command("sleep", "3600");
  }

  private StowProcess.Result reconcile(
      String label, DeploymentFolder folder, Path state, Map<String, String> env) {
    return StowProcess.run(
        temp.resolve("logs"),
        label,
        CLI_TIMEOUT,
        null,
        env,
        "reconcile",
        "--dir",
        folder.toString(),
        "--state-dir",
        state.toString());
  }

  private static void awaitMarker(StowProcess stow, String point) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!stow.isAlive()) {
        fail("stow ended before it reached %s: %s", point, stow.outputSoFar());
      }
      if (stow.outputSoFar().stderr().contains(FaultInjection.MARKER + point)) {
        return;
      }
      Thread.sleep(50);
    }
    fail("stow never reached %s: %s", point, stow.outputSoFar());
  }
}
