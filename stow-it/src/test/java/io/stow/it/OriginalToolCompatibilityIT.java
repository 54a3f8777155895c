package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.docker.ContainerState;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host moves between the original tool (hencjo/stow) and stow both ways with a no-op plan. The
 * original cannot be built here (no crates registry), so its side is re-stated from its source
 * (src/state.rs, src/docker.rs, src/fs_utils.rs at v0.1.2): the state layout and metadata it
 * writes, the {@code docker run} flags and labels it starts containers with, its directory lock,
 * and the rule by which it plans a container as NoOp.
 */
class OriginalToolCompatibilityIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final ImageRef image = TestImages.get().first();

  @TempDir Path temp;

  /** A descriptor with only fields the original accepts, as the original's README writes them. */
  private Path folder(String deployment, String web, String worker) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("deploy"));
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n"
            + "  name: "
            + deployment
            + "\n"
            + "containers:\n"
            + "  - name: "
            + web
            + "\n"
            + "    image: "
            + image
            + "\n"
            + "    restartPolicy: unless-stopped\n"
            + "    memory: 64m\n"
            + "    volumes:\n"
            + "      - source: runtime/app.conf\n"
            + "        target: /etc/app.conf\n"
            + "        readOnly: true\n"
            + "    args: [sleep, \"3600\"]\n"
            + "  - name: "
            + worker
            + "\n"
            + "    image: "
            + image
            + "\n"
            + "    args:\n"
            + "      - sleep\n"
            + "      - \"3600\"\n");
    Files.writeString(dir.resolve("app.conf"), "mode=compat\n");
    return dir;
  }

  @Test
  void aHostTheOriginalDeployed_isAllNoopForStow_andItsLockDirectoryIsRespected() throws Exception {
    String deployment = docker.name("orig");
    String web = docker.name(deployment + "-web");
    String worker = docker.name(deployment + "-worker");
    Path dir = folder(deployment, web, worker);
    String hash = ExpectedHashes.of(dir, Set.of()).deployment();
    Path home = temp.resolve("home");
    Path snapshot = leaveStateAsTheOriginal(home, dir, deployment, hash, "0a1b2c3d");
    runAsTheOriginal(
        web,
        deployment,
        hash,
        List.of(
            "--restart",
            "unless-stopped",
            "--memory",
            "64m",
            "--volume",
            home.resolve("running-config/app.conf") + ":/etc/app.conf:ro"),
        List.of("sleep", "3600"));
    runAsTheOriginal(worker, deployment, hash, List.of(), List.of("sleep", "3600"));
    Map<String, String> idsBefore = ids(deployment);

    // while the original runs, its lock directory exists: stow waits its turn and touches nothing
    Path lockDir = home.resolve(".stow/lock");
    Files.createDirectory(lockDir);
    StowProcess.Result locked = reconcile("locked", dir, home);
    assertThat(locked.exitCode()).as("%s", locked).isEqualTo(1);
    assertThat(locked.stderr()).contains("original stow").contains("rmdir " + lockDir);
    assertThat(lockDir).isEmptyDirectory();
    Files.delete(lockDir); // the original removes it when its run ends

    StowProcess.Result dry = reconcile("dry", dir, home, "--dry-run", "--plan-json");
    assertThat(dry.exitCode()).as("%s", dry).isZero();
    JsonNode plan = new ObjectMapper().readTree(dry.stdout());
    assertThat(plan.path("hashes").path("deployment_hash").asText()).isEqualTo(hash);
    assertThat(plan.path("running_hash").asText()).isEqualTo(hash);
    assertThat(plan.path("plan").path("operations"))
        .extracting(op -> op.path("kind").asText() + " " + op.path("container").asText())
        .containsExactly("NoOp " + web, "NoOp " + worker);

    StowProcess.Result real = reconcile("real", dir, home);
    assertThat(real.exitCode()).as("%s", real).isZero();
    assertThat(real.stderr()).contains("plan: 0 new, 0 replaced, 0 removed, 2 unchanged");
    assertThat(ids(deployment)).isEqualTo(idsBefore);
    assertThat(home.resolve("running-config").toRealPath()).isEqualTo(snapshot.toRealPath());
    assertThat(home.resolve(".stow/lock")).doesNotExist();
  }

  @Test
  void whatStowLeavesBehind_isWhatTheOriginalPlansAsAllNoop() throws Exception {
    String deployment = docker.name("tostow");
    String web = docker.name(deployment + "-web");
    String worker = docker.name(deployment + "-worker");
    Path dir = folder(deployment, web, worker);
    Path home = temp.resolve("home");

    StowProcess.Result result = reconcile("deploy", dir, home);
    assertThat(result.exitCode()).as("%s", result).isZero();

    String hash = ExpectedHashes.of(dir, Set.of()).deployment();
    // the original's lock: a directory it makes with mkdir and refuses to run beside
    assertThat(home.resolve(".stow/lock")).doesNotExist();
    assertThat(home.resolve("running-config.previous")).doesNotExist();
    // its state: running-config is a link into .stow/snapshots/<hash> with its metadata
    Path running = home.resolve("running-config");
    assertThat(Files.isSymbolicLink(running)).isTrue();
    assertThat(running.toRealPath())
        .isEqualTo(home.resolve(".stow/snapshots/" + hash).toRealPath());
    assertThat(Files.readString(running.resolve(".config-sha256")).strip()).isEqualTo(hash);
    assertThat(Files.readString(running.resolve(".deployment-name")).strip()).isEqualTo(deployment);
    assertThat(running.resolve(".git-revision")).isRegularFile();
    assertThat(running.resolve("stow.yaml")).hasSameTextualContentAs(dir.resolve("stow.yaml"));
    JsonNode metadata =
        new ObjectMapper().readTree(running.resolve(".stow-snapshot.json").toFile());
    assertThat(metadata.path("deployment").asText()).isEqualTo(deployment);
    assertThat(metadata.path("hash").asText()).isEqualTo(hash);
    assertThat(metadata.has("revision")).isTrue();
    // its plan: NoOp when running and both labels match (container_matches_existing)
    assertThat(originalPlan(deployment, List.of(web, worker), hash))
        .containsExactly("NoOp " + web, "NoOp " + worker);
  }

  /** What the original's promote_snapshot and write_metadata leave; returns the snapshot. */
  private static Path leaveStateAsTheOriginal(
      Path home, Path folder, String deployment, String hash, String revision) throws IOException {
    Path snapshot = Files.createDirectories(home.resolve(".stow/snapshots/" + hash));
    for (String name : List.of("stow.yaml", "app.conf")) {
      Files.copy(folder.resolve(name), snapshot.resolve(name));
    }
    Files.writeString(snapshot.resolve(".git-revision"), revision);
    Files.writeString(snapshot.resolve(".config-sha256"), hash);
    Files.writeString(snapshot.resolve(".deployment-name"), deployment);
    Files.copy(folder.resolve("stow.yaml"), snapshot.resolve(".stow-rendered-manifest.yaml"));
    Files.writeString(
        snapshot.resolve(".stow-snapshot.json"),
        "{\n  \"deployment\": \""
            + deployment
            + "\",\n  \"revision\": \""
            + revision
            + "\",\n  \"hash\": \""
            + hash
            + "\"\n}");
    Files.createSymbolicLink(home.resolve("running-config"), snapshot);
    return snapshot;
  }

  /** {@code docker run} exactly as the original's start_container builds it. */
  private static void runAsTheOriginal(
      String name, String deployment, String hash, List<String> flags, List<String> args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("docker", "run", "--detach", "--name", name));
    command.addAll(List.of("--label", "stow.deployment=" + deployment));
    command.addAll(List.of("--label", "stow.hash=v1:" + hash));
    command.addAll(flags);
    command.add(TestImages.get().first().toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
  }

  /** The original's plan_reconciliation over what Docker reports now. */
  private static List<String> originalPlan(String deployment, List<String> desired, String hash) {
    Map<String, ContainerState> observed = HostFacts.containers(docker, deployment);
    List<String> operations = new ArrayList<>();
    for (String name : desired) {
      ContainerState c = observed.get(name);
      boolean matches =
          c != null
              && c.running()
              && deployment.equals(c.labels().get("stow.deployment"))
              && ("v1:" + hash).equals(c.labels().get("stow.hash"));
      operations.add((matches ? "NoOp " : "Replace ") + name);
    }
    observed.keySet().stream()
        .filter(name -> !desired.contains(name))
        .forEach(name -> operations.add("Delete " + name));
    return operations;
  }

  private static Map<String, String> ids(String deployment) {
    Map<String, String> ids = new java.util.TreeMap<>();
    HostFacts.containers(docker, deployment).forEach((name, c) -> ids.put(name, c.id()));
    return ids;
  }

  private StowProcess.Result reconcile(String label, Path dir, Path home, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("reconcile", "--dir", dir.toString(), "--state-dir", home.toString()));
    args.addAll(List.of(extra));
    return StowProcess.run(temp.resolve("logs"), label, CLI_TIMEOUT, args.toArray(String[]::new));
  }
}
