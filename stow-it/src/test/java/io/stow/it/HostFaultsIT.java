package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.docker.ContainerState;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the host around stow: a full state file system and a port taken by another process.
 * Each is found before anything running is touched.
 */
class HostFaultsIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();

  @TempDir Path temp;

  private StowYaml.Container web(String name, ImageRef image) {
    return StowYaml.Container.of(name, image).command("sleep", "3600");
  }

  private StowProcess.Result reconcile(String label, DeploymentFolder folder, Path state) {
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

  @Test
  void aFullStateFileSystem_failsBeforeAnythingIsTouchedAndLeavesNothingHalfWritten()
      throws Exception {
    Path mount = Files.createDirectories(temp.resolve("tiny"));
    run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mount.toString());
    try {
      String deployment = docker.name("full");
      String app = docker.name(deployment + "-app");
      Path state = mount.resolve("state");
      DeploymentFolder v1 =
          DeploymentFolder.at(
              temp.resolve("v1"),
              StowYaml.deployment(deployment).verify("20s", "1s").container(web(app, image1)));
      assertThat(reconcile("v1", v1, state).exitCode()).isZero();
      ContainerState before = HostFacts.containers(docker, deployment).get(app);
      List<String> snapshotsBefore = list(state.resolve(".stow/snapshots"));
      // leave about 256 KiB free, then bring a 1 MiB configuration file
      fill(mount.resolve("filler"), Files.getFileStore(mount).getUsableSpace() - 256 * 1024);
      DeploymentFolder v2 =
          DeploymentFolder.at(
                  temp.resolve("v2"),
                  StowYaml.deployment(deployment).verify("20s", "1s").container(web(app, image2)))
              .file("big.conf", "x".repeat(1024 * 1024));

      StowProcess.Result full = reconcile("full", v2, state);

      assertThat(full.exitCode()).as("%s", full).isEqualTo(1);
      assertThat(full.stderr())
          .contains("No space left on device")
          .contains("nothing on the host was changed");
      ContainerState after = HostFacts.containers(docker, deployment).get(app);
      assertThat(after.id()).isEqualTo(before.id());
      assertThat(after.running()).isTrue();
      assertThat(list(state.resolve(".stow/snapshots"))).isEqualTo(snapshotsBefore);
      assertThat(state.resolve(".stow/staging")).isEmptyDirectory();
      assertThat(state.resolve("running-config.previous")).doesNotExist();
      assertThat(state.resolve(".stow/lock")).doesNotExist();
      try (Stream<Path> walk = Files.walk(state)) {
        assertThat(walk.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.contains(".tmp-") || n.contains(".next-"));
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void aPortTakenByAnotherProcess_isFoundBeforeTheOldContainerIsStopped() throws Exception {
    String deployment = docker.name("port");
    String app = docker.name(deployment + "-app");
    Path state = temp.resolve("state");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      DeploymentFolder v1 =
          DeploymentFolder.at(
              temp.resolve("v1"),
              StowYaml.deployment(deployment).verify("20s", "1s").container(web(app, image1)));
      assertThat(reconcile("v1", v1, state).exitCode()).isZero();
      ContainerState before = HostFacts.containers(docker, deployment).get(app);
      DeploymentFolder v2 =
          DeploymentFolder.at(
              temp.resolve("v2"),
              StowYaml.deployment(deployment)
                  .verify("20s", "1s")
                  .container(web(app, image2).publish("127.0.0.1:" + port + ":80")));

      StowProcess.Result result = reconcile("taken", v2, state);

      assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
      assertThat(result.stderr())
          .contains("host port 127.0.0.1:" + port + "/tcp")
          .contains("in use by another process")
          .contains("nothing was stopped");
      ContainerState after = HostFacts.containers(docker, deployment).get(app);
      assertThat(after.id()).isEqualTo(before.id());
      assertThat(after.running()).isTrue();
    }
  }

  /** Writes {@code bytes} real bytes (a sparse file would take no room on tmpfs). */
  private static void fill(Path file, long bytes) throws Exception {
    byte[] chunk = new byte[64 * 1024];
    try (var out = Files.newOutputStream(file)) {
      for (long written = 0; written + chunk.length <= bytes; written += chunk.length) {
        out.write(chunk);
      }
    }
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
  }
}
