package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.docker.ContainerState;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.DaemonProcess;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine restarts while stow verifies a new deployment: the reconcile ends failed and
 * rolled back (the rollback waits for the engine to answer again instead of failing against an
 * engine that is down), and the next reconcile converges; a daemon answers status and badge
 * requests all along. Restarts the real dockerd, so the rest of the suite must not use the engine
 * meanwhile (failsafe runs one test class at a time); each test leaves an engine that answers,
 * whether it passed or not.
 */
class DockerRestartIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String TOKEN = "glpat-SENTINEL-restart-8d3b";

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  private StowYaml.Container app(String name, ImageRef image) {
    return StowYaml.Container.of(name, image)
        .command("sleep", "3600")
        .restartPolicy("unless-stopped");
  }

  @AfterEach
  void engineAnswersAgain() throws Exception {
    if (!answers(Duration.ofSeconds(5))) {
      startEngine();
      assertThat(answers(Duration.ofSeconds(90))).as("dockerd answers after the test").isTrue();
    }
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

  @Test
  void aDaemon_answersThroughAnEngineRestart_rollsTheReconcileBack_andTheNextTriggerConverges()
      throws Exception {
    String deployment = docker.name("drestart");
    String web = docker.name(deployment + "-web");
    FakeGitLab gitlab = FakeGitLab.start();
    DaemonProcess daemon = null;
    try {
      gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
      FakeProject project = gitlab.createProject("ops/deployments").member("host-bot");
      String v1 =
          project.commit(
              "main",
              "v1",
              Map.of(
                  "host-1/stow.yaml",
                  StowYaml.deployment(deployment)
                      .verify("20s", "1s")
                      .container(app(web, image1).stopTimeout("1s"))
                      .render()));
      Path config =
          DaemonConfigDir.at(
                  temp.resolve("etc"),
                  gitlab,
                  "ops/deployments",
                  TOKEN,
                  "host-1",
                  temp.resolve("state"))
              .write();
      daemon = DaemonProcess.start(temp.resolve("logs"), "daemon", config, Map.of());
      DaemonClient client = daemon.client();
      client.awaitIdle(CONVERGE);
      JsonNode deployed = client.status(v1);
      assertThat(deployed.path("state").asText()).as("%s", deployed).isEqualTo("running");
      String hash1 = deployed.path("current_hash").asText();

      // v2 must stay stable for its whole timeout: the restart (a problem, and the container
      // starting again) then fails its verification, however quickly the engine comes back
      String v2 =
          project.commit(
              "main",
              "v2",
              Map.of(
                  "host-1/stow.yaml",
                  StowYaml.deployment(deployment)
                      .verify("45s", "45s")
                      .container(app(web, image2).stopTimeout("1s"))
                      .render()));
      assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
      int started = awaitStdout(daemon, 0, "reconcile started (trigger");
      awaitStdout(daemon, started, "container " + web + " started"); // verification begins

      Probe probe = Probe.start(client, v1, v2);
      restartEngine();
      JsonNode failed =
          client.awaitIdle(
              "the failed run", CONVERGE, s -> s.path("last_result").asText().equals("error"));
      probe.stop();

      assertThat(probe.failures()).as("requests the daemon did not answer 200").isEmpty();
      assertThat(probe.answered()).as("requests answered during and after").isGreaterThan(20);
      assertThat(failed.path("current_hash").asText()).as("%s", failed).isEqualTo(hash1);
      String log = daemon.process().outputSoFar().stdout();
      assertThat(log.substring(started))
          .contains("reconcile failed: failed-rolled-back")
          .doesNotContain("ROLLBACK FAILED");
      ContainerState rolledBack = HostFacts.containers(docker, deployment).get(web);
      assertThat(rolledBack.running()).isTrue();
      assertThat(rolledBack.labels()).containsEntry("stow.hash", "v1:" + hash1);
      assertThat(client.badge(v2)).isEqualTo("error");
      assertThat(client.badge(v1)).isEqualTo("running");

      assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
      JsonNode converged =
          client.awaitStatus(
              v2,
              "running",
              CLI_TIMEOUT,
              s ->
                  s.path("phase").asText().equals("idle")
                      && s.path("state").asText().equals("running"));
      assertThat(converged.path("last_result").asText()).isEqualTo("ok");
      ContainerState updated = HostFacts.containers(docker, deployment).get(web);
      assertThat(updated.image()).isEqualTo(image2.toString());
      assertThat(updated.labels())
          .containsEntry("stow.hash", "v1:" + converged.path("current_hash").asText());
    } finally {
      try {
        if (daemon != null) {
          String output = daemon.stop().toString();
          System.out.println(output); // the daemon's log, for a failure's report
          assertThat(output).doesNotContain(TOKEN);
        }
      } finally {
        gitlab.close();
      }
    }
  }

  /** Asks for the status and the badges every 100 ms on a thread, noting what was not a 200. */
  private static final class Probe {
    private final Thread thread;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean stopped;

    private Probe(DaemonClient client, List<String> paths) {
      thread =
          new Thread(
              () -> {
                while (!stopped) {
                  for (String path : paths) {
                    try {
                      HttpResponse<String> response =
                          client
                              .http()
                              .send(
                                  client.request(path).timeout(Duration.ofSeconds(5)).build(),
                                  HttpResponse.BodyHandlers.ofString());
                      if (response.statusCode() == 200) {
                        answered.incrementAndGet();
                      } else {
                        failures.add(path + " answered " + response.statusCode());
                      }
                    } catch (Exception e) {
                      failures.add(path + ": " + e);
                    }
                  }
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "probe");
    }

    static Probe start(DaemonClient client, String v1, String v2) {
      Probe probe =
          new Probe(
              client,
              List.of(
                  "/status",
                  "/status?head_hash=" + v2,
                  "/gitlab.svg?git_hash=" + v1,
                  "/gitlab.svg?git_hash=" + v2));
      probe.thread.start();
      return probe;
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(30_000);
    }

    List<String> failures() {
      return failures;
    }

    int answered() {
      return answered.get();
    }
  }

  /** The index in the daemon's standard output after {@code from} where {@code text} shows. */
  private static int awaitStdout(DaemonProcess daemon, int from, String text) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      StowProcess.Result so = daemon.process().outputSoFar();
      int at = so.stdout().indexOf(text, from);
      if (at >= 0) {
        return at;
      }
      if (!daemon.process().isAlive()) {
        fail("the daemon ended before '%s': %s", text, so);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return fail("the daemon never printed '%s': %s", text, daemon.process().outputSoFar());
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
      startEngine();
    }
    if (!answers(Duration.ofSeconds(90))) {
      fail("dockerd did not come back after the restart");
    }
  }

  /** Starts dockerd in the background as .ci/test-env.sh does. */
  private static void startEngine() throws Exception {
    Path log =
        Path.of(System.getenv().getOrDefault("STOW_TEST_ENV_DIR", "/tmp/stow-test-env"))
            .resolve("dockerd.log");
    sh("setsid nohup dockerd >>" + log + " 2>&1 </dev/null &");
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
