package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stow.docker.ContainerState;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine restarts while stow verifies a new deployment: the reconcile ends failed and
 * rolled back (the rollback waits for the engine to answer again instead of failing against an
 * engine that is down), and the next reconcile converges. Restarts the real dockerd, so the rest of
 * the suite must not use the engine meanwhile (failsafe runs one test class at a time).
 */
class DockerRestartIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(180);

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  private StowYaml.Container app(String name, ImageRef image) {
    return StowYaml.Container.of(name, image)
        .command("sleep", "3600")
        .restartPolicy("unless-stopped");
  }

  @Test
  void anEngineRestartDuringVerification_rollsBackOnceTheEngineAnswers_andTheNextRunConverges()
      throws Exception {
    String deployment = docker.name("restart");
    String web = docker.name(deployment + "-web");
    Path state = temp.resolve("state");
    DeploymentFolder v1 =
        DeploymentFolder.at(
            temp.resolve("v1"),
            StowYaml.deployment(deployment).verify("20s", "1s").container(app(web, image1)));
    assertThat(run("v1", v1, state).exitCode()).isZero();
    String hash1 = ExpectedHashes.of(v1.path(), Set.of()).deployment();
    DeploymentFolder v2 =
        DeploymentFolder.at(
            temp.resolve("v2"),
            StowYaml.deployment(deployment).verify("30s", "20s").container(app(web, image2)));

    StowProcess update =
        StowProcess.start(
            temp.resolve("logs"),
            "update",
            null,
            Map.of(),
            "reconcile",
            "--dir",
            v2.toString(),
            "--state-dir",
            state.toString());
    awaitOutput(update, "verifying");
    restartEngine();
    StowProcess.Result failed = update.await(CLI_TIMEOUT);

    assertThat(failed.exitCode()).as("%s", failed).isEqualTo(1);
    assertThat(failed.stderr())
        .contains("rolled back to v1:" + hash1)
        .doesNotContain("ROLLBACK FAILED");
    ContainerState rolledBack = HostFacts.containers(docker, deployment).get(web);
    assertThat(rolledBack.running()).isTrue();
    assertThat(rolledBack.labels()).containsEntry("stow.hash", "v1:" + hash1);

    StowProcess.Result next = run("next", v2, state);
    assertThat(next.exitCode()).as("%s", next).isZero();
    String hash2 = ExpectedHashes.of(v2.path(), Set.of()).deployment();
    assertThat(HostFacts.containers(docker, deployment).get(web).labels())
        .containsEntry("stow.hash", "v1:" + hash2);
  }

  private StowProcess.Result run(String label, DeploymentFolder folder, Path state) {
    return StowProcess.run(
        temp.resolve("logs"),
        label,
        CLI_TIMEOUT,
        "reconcile",
        "--dir",
        folder.toString(),
        "--state-dir",
        state.toString());
  }

  /**
   * Stops dockerd and starts it again, as .ci/test-env.sh started it (a service manager that brings
   * it back by itself is waited for instead).
   */
  private static void restartEngine() throws Exception {
    Path pidFile = Path.of("/var/run/docker.pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle dockerd = ProcessHandle.of(pid).orElseThrow();
    sh("kill -TERM " + pid);
    dockerd.onExit().get(60, TimeUnit.SECONDS);
    Thread.sleep(2000); // the engine stays down a moment, as in a real restart
    if (!answers(Duration.ofSeconds(5))) {
      Path log =
          Path.of(System.getenv().getOrDefault("STOW_TEST_ENV_DIR", "/tmp/stow-test-env"))
              .resolve("dockerd.log");
      sh("setsid nohup dockerd >>" + log + " 2>&1 </dev/null &");
    }
    if (!answers(Duration.ofSeconds(90))) {
      fail("dockerd did not come back after the restart");
    }
  }

  private static boolean answers(Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      Process info = new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
      info.getInputStream().readAllBytes();
      if (info.waitFor(30, TimeUnit.SECONDS) && info.exitValue() == 0) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  private static void sh(String script) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
  }

  private static void awaitOutput(StowProcess stow, String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (stow.outputSoFar().stderr().contains(text)) {
        return;
      }
      if (!stow.isAlive()) {
        fail("stow ended before '%s': %s", text, stow.outputSoFar());
      }
      Thread.sleep(50);
    }
    fail("stow never printed '%s': %s", text, stow.outputSoFar());
  }
}
