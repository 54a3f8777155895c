package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.stow.docker.ContainerState;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StateTree;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stow reconcile} command as a separate process: killed with SIGKILL while it verifies,
 * a second run recovers; and a dry run with {@code --plan-json} changes nothing on the host.
 *
 * <p>Containers the CLI creates cannot carry the test label ({@code stow.*} labels are reserved in
 * stow.yaml); their names start with {@link TestDocker#name}, which {@link TestDocker} also cleans
 * up by.
 */
class CliReconcileIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  private StowYaml.Container sleeper(String name, ImageRef image) {
    return StowYaml.Container.of(name, image).command("sleep", "3600");
  }

  @Test
  void killedDuringVerification_nextRunRollsBackToAVerifiedDeploymentWithoutOrphans() {
    String deployment = docker.name("killed");
    String app = docker.name(deployment + "-app");
    String side = docker.name(deployment + "-side");
    String extra = docker.name(deployment + "-extra");
    Path state = temp.resolve("state");
    Path logs = temp.resolve("logs");
    DeploymentFolder v1 =
        DeploymentFolder.at(
            temp.resolve("v1"),
            StowYaml.deployment(deployment)
                .verify("15s", "1s")
                .container(sleeper(app, image1))
                .container(sleeper(side, image1)));
    StowProcess.Result first = reconcile(logs, "v1", v1, state);
    assertThat(first.exitCode()).as("%s", first).isZero();
    String hash1 = ExpectedHashes.of(v1.path(), Set.of()).deployment();
    assertThat(HostFacts.containers(docker, deployment).values())
        .allSatisfy(c -> assertThat(c.labels()).containsEntry("stow.hash", "v1:" + hash1));

    // v2 replaces both and adds one; its stable window is far longer than the test waits
    DeploymentFolder v2 =
        DeploymentFolder.at(
            temp.resolve("v2"),
            StowYaml.deployment(deployment)
                .verify("5m", "4m")
                .container(sleeper(app, image2))
                .container(sleeper(side, image1))
                .container(sleeper(extra, image2)));
    String hash2 = ExpectedHashes.of(v2.path(), Set.of()).deployment();
    StowProcess applying =
        StowProcess.start(
            logs, "v2", "reconcile", "--dir", v2.toString(), "--state-dir", state.toString());
    awaitRunning(applying, deployment, hash2, 3);
    assertThat(Files.isSymbolicLink(state.resolve("running-config.previous")))
        .as("an apply is open while verification runs")
        .isTrue();
    StowProcess.Result killed = applying.kill();
    assertThat(killed.exitCode()).as("killed by SIGKILL: %s", killed).isEqualTo(137);

    // the host is mid-apply: v2 runs, the state says an apply did not finish
    assertThat(HostFacts.containers(docker, deployment)).containsOnlyKeys(app, side, extra);
    assertThat(Files.isSymbolicLink(state.resolve("running-config.previous"))).isTrue();

    StowProcess.Result recovered = reconcile(logs, "recover", v1, state);

    assertThat(recovered.exitCode()).as("%s", recovered).isZero();
    assertThat(recovered.stderr()).contains("running-config.previous");
    assertThat(Files.exists(state.resolve("running-config.previous"))).isFalse();
    assertThat(realName(state.resolve("running-config"))).isEqualTo(hash1);
    Map<String, ContainerState> after = HostFacts.containers(docker, deployment);
    assertThat(after).containsOnlyKeys(app, side);
    assertThat(after.values())
        .allSatisfy(
            c -> {
              assertThat(c.running()).isTrue();
              assertThat(c.restartCount()).isZero();
              assertThat(c.image()).isEqualTo(image1.toString());
              assertThat(c.labels()).containsEntry("stow.hash", "v1:" + hash1);
            });
    // no orphans: nothing else by the deployment's names, labelled or not, running or not
    List<String> byName =
        docker.client().listContainersCmd().withShowAll(true).exec().stream()
            .map(Container::getNames)
            .flatMap(java.util.Arrays::stream)
            .filter(n -> n.startsWith("/" + docker.name(deployment)))
            .map(n -> n.substring(1))
            .sorted()
            .toList();
    assertThat(byName).containsExactly(app, side);
    assertThat(state.resolve(".stow/staging")).isEmptyDirectory();

    // and the host is stable: a further run is a no-op
    Map<String, String> verified = HostFacts.fingerprint(docker, deployment);
    StowProcess.Result again = reconcile(logs, "again", v1, state);
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(verified);
  }

  @Test
  void killedDuringFirstDeployment_nextRunOfTheSameFolderRemovesItAndDeploysAgain()
      throws Exception {
    String deployment = docker.name("first");
    String app = docker.name(deployment + "-app");
    Path state = temp.resolve("state");
    Path logs = temp.resolve("logs");
    // the app only stays up once the host directory holds "ok"; that directory is outside the
    // deployment folder, so the second run deploys exactly the same hash
    Path flag = Files.createDirectories(temp.resolve("flag"));
    DeploymentFolder folder =
        DeploymentFolder.at(
            temp.resolve("v1"),
            StowYaml.deployment(deployment)
                .verify("5m", "2s")
                .container(
                    StowYaml.Container.of(app, image1)
                        .volume(flag.toString(), "/flag", true)
                        .shell("test -f /flag/ok || exit 1; sleep 3600")));
    String hash = ExpectedHashes.of(folder.path(), Set.of()).deployment();
    StowProcess applying =
        StowProcess.start(
            logs,
            "first",
            "reconcile",
            "--dir",
            folder.toString(),
            "--state-dir",
            state.toString());
    awaitCreated(applying, deployment, app);
    assertThat(state.resolve(".stow/first-apply")).as("the first apply is open").exists();
    StowProcess.Result killed = applying.kill();
    assertThat(killed.exitCode()).as("killed by SIGKILL: %s", killed).isEqualTo(137);
    String killedId = HostFacts.containers(docker, deployment).get(app).id();
    Files.writeString(flag.resolve("ok"), "ok\n");

    StowProcess.Result again = reconcile(logs, "again", folder, state);

    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.stderr()).contains("first apply of '" + deployment + "' did not finish");
    assertThat(again.stderr()).contains("verified: stable for 2.0s");
    ContainerState app2 = HostFacts.containers(docker, deployment).get(app);
    assertThat(app2.id()).as("the interrupted container was replaced").isNotEqualTo(killedId);
    assertThat(app2.running()).isTrue();
    assertThat(app2.restartCount()).isZero();
    assertThat(app2.labels()).containsEntry("stow.hash", "v1:" + hash);
    assertThat(realName(state.resolve("running-config"))).isEqualTo(hash);
    assertThat(state.resolve(".stow/first-apply")).doesNotExist();
  }

  /** Waits until stow has created {@code container}, while it is still running (verifying). */
  private void awaitCreated(StowProcess stow, String deployment, String container) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!stow.isAlive()) {
        fail("stow exited before the test could kill it: %s", stow.outputSoFar());
      }
      if (HostFacts.containers(docker, deployment).containsKey(container)) {
        sleep(Duration.ofSeconds(1));
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    fail("%s was not created within 60s: %s", container, stow.outputSoFar());
  }

  @Test
  void dryRunWithPlanJson_changesNothingAndPrintsHashesActionsAndReasons() throws Exception {
    String deployment = docker.name("dryrun");
    String web = docker.name(deployment + "-web");
    String old = docker.name(deployment + "-old");
    String added = docker.name(deployment + "-new");
    Path state = temp.resolve("state");
    DeploymentFolder v1 =
        DeploymentFolder.at(
                temp.resolve("v1"),
                StowYaml.deployment(deployment)
                    .verify("15s", "1s")
                    .container(sleeper(web, image1))
                    .container(sleeper(old, image1)))
            .file("app.conf", "a=1\n");
    String hash1 =
        EmbeddedStow.on(docker, state).reconcile(v1.path()).hashes().orElseThrow().deploymentHash();
    DeploymentFolder v2 =
        DeploymentFolder.at(
                temp.resolve("v2"),
                StowYaml.deployment(deployment)
                    .verify("15s", "1s")
                    .container(sleeper(web, image1).env("TOKEN", "dry-run-secret-5d1"))
                    .container(sleeper(added, image2)))
            .file("app.conf", "a=2\n");
    ExpectedHashes expected = ExpectedHashes.of(v2.path(), Set.of());
    Map<String, String> dockerBefore = HostFacts.fingerprint(docker, deployment);
    Map<String, String> stateBefore = withoutStagingArea(StateTree.of(state));

    StowProcess.Result dry =
        reconcile(temp.resolve("logs"), "dry", v2, state, "--dry-run", "--plan-json");

    assertThat(dry.exitCode()).as("%s", dry).isZero();
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(dockerBefore).hasSize(2);
    assertThat(withoutStagingArea(StateTree.of(state))).isEqualTo(stateBefore);
    assertThat(state.resolve(".stow/staging")).isEmptyDirectory();
    assertThat(Files.readSymbolicLink(state.resolve("running-config")))
        .isEqualTo(state.resolve(".stow/snapshots/" + hash1));

    JsonNode plan = new ObjectMapper().readTree(dry.stdout());
    assertThat(plan.path("deployment").asText()).isEqualTo(deployment);
    assertThat(plan.path("dry_run").asBoolean()).isTrue();
    assertThat(plan.path("running_hash").asText()).isEqualTo(hash1);
    assertThat(plan.path("hashes").path("manifest_hash").asText()).isEqualTo(expected.manifest());
    assertThat(plan.path("hashes").path("config_hash").asText()).isEqualTo(expected.config());
    assertThat(plan.path("hashes").path("secrets_hash").asText()).isEqualTo(expected.secrets());
    assertThat(plan.path("hashes").path("deployment_hash").asText())
        .isEqualTo(expected.deployment());
    Map<String, String> actions = actions(plan);
    assertThat(actions)
        .containsOnlyKeys(web, old, added)
        .containsEntry(web, "replace stale-hash v1:" + hash1 + " -> v1:" + expected.deployment())
        .containsEntry(old, "delete not-in-manifest")
        .containsEntry(added, "replace missing");
    assertThat(dry.stdout() + dry.stderr()).doesNotContain("dry-run-secret-5d1");
  }

  /** Runs {@code stow reconcile --dir FOLDER --state-dir STATE [extra]} as its own process. */
  private static StowProcess.Result reconcile(
      Path logs, String label, DeploymentFolder folder, Path state, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("reconcile", "--dir", folder.toString(), "--state-dir", state.toString()));
    args.addAll(List.of(extra));
    return StowProcess.run(logs, label, CLI_TIMEOUT, args.toArray(String[]::new));
  }

  private static Map<String, String> actions(JsonNode plan) {
    Map<String, String> actions = new java.util.TreeMap<>();
    plan.path("actions")
        .forEach(
            a ->
                actions.put(
                    a.path("container").asText(),
                    a.path("action").asText() + " " + a.path("reason").asText()));
    return actions;
  }

  /** Waits until {@code count} containers of {@code hash} run, while stow is still verifying. */
  private void awaitRunning(StowProcess stow, String deployment, String hash, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!stow.isAlive()) {
        fail("stow exited before the test could kill it: %s", stow.outputSoFar());
      }
      long running =
          HostFacts.containers(docker, deployment).values().stream()
              .filter(c -> c.running() && ("v1:" + hash).equals(c.labels().get("stow.hash")))
              .count();
      if (running == count) {
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    fail("the containers of %s did not start within 60s: %s", hash, stow.outputSoFar());
  }

  private static String realName(Path link) {
    try {
      return link.toRealPath().getFileName().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * The state tree without the private staging area, where a dry run stages and decrypts (the
   * directory's mtime changes; that it ends empty is checked on its own).
   */
  private static Map<String, String> withoutStagingArea(Map<String, String> tree) {
    Map<String, String> kept = new java.util.TreeMap<>(tree);
    kept.keySet()
        .removeIf(path -> path.equals(".stow/staging") || path.startsWith(".stow/staging/"));
    return kept;
  }
}
