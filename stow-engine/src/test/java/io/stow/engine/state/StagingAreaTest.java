package io.stow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingAreaTest {

  @TempDir Path tmp;
  private StagingArea area;

  @BeforeEach
  void setUp() {
    area = new SnapshotStore(tmp.resolve("state"), Clock.systemUTC()).staging();
  }

  private Path leftover(String name) throws IOException {
    Path dir = Files.createDirectories(area.dir().resolve(name));
    Files.writeString(dir.resolve("secret.env"), "TOKEN=plaintext\n");
    return dir;
  }

  @Test
  void create_makesAPrivateDirectoryNamedForItsProcessAndCloseDeletesIt() throws IOException {
    Path path;
    try (StagingArea.Staging staging = area.create("dry-run")) {
      path = staging.path();
      assertThat(path.getParent()).isEqualTo(area.dir());
      assertThat(path.getFileName().toString())
          .startsWith("dry-run-" + ProcessHandle.current().pid() + "-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
          .isEqualTo("rwx------");
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void sweep_deletesWhatAKilledProcessLeftWithItsPlaintext() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = leftover("dry-run-" + gone.pid() + "-0-deadbeef");
    Path oldLayout = leftover("stage-0b6f2c2e-1d6a-4d0e-9a44-7a2f0c2f4e8b");

    assertThat(area.sweep()).containsExactlyInAnyOrder(dead, oldLayout);
    assertThat(dead).doesNotExist();
    assertThat(oldLayout).doesNotExist();
  }

  @Test
  void sweep_keepsTheDirectoriesOfLiveProcessesAndOfRunsInUseHere() throws Exception {
    Process alive = new ProcessBuilder("sleep", "60").start();
    try {
      long started = alive.toHandle().info().startInstant().orElseThrow().toEpochMilli();
      Path other = leftover("status-" + alive.pid() + "-" + started + "-cafe");
      try (StagingArea.Staging mine = area.create("reconcile")) {
        assertThat(area.sweep()).isEmpty();
        assertThat(other).isDirectory();
        assertThat(mine.path()).isDirectory();
      }
    } finally {
      alive.destroyForcibly().waitFor();
    }
  }

  @Test
  void sweep_deletesThisProcesssDirectoriesThatNoRunUses() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().orElseThrow().toEpochMilli();
    Path stale = leftover("dry-run-" + self.pid() + "-" + started + "-abc");

    assertThat(area.sweep()).containsExactly(stale);
  }
}
