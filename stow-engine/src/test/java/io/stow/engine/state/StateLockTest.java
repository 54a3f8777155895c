package io.stow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {

  @TempDir Path root;

  private Path stowDir() {
    return root.resolve(".stow");
  }

  private Path lockDir() {
    return stowDir().resolve("lock");
  }

  @Test
  void acquire_makesTheOriginalToolsLockDirectoryWithItsOwnerAndRemovesItOnClose()
      throws IOException {
    try (StateLock lock = StateLock.acquire(stowDir())) {
      assertThat(lockDir()).isDirectory();
      assertThat(lock.lockDirectory()).isEqualTo(lockDir().toRealPath());
      assertThat(Files.readString(lockDir().resolve("owner")))
          .contains("pid=" + ProcessHandle.current().pid());
      assertThat(lock.takeover()).isEmpty();
    }
    assertThat(lockDir()).doesNotExist();
  }

  @Test
  void secondAcquireInTheSameProcess_isRefusedAndTheFirstKeepsItsOsLock() throws Exception {
    try (StateLock first = StateLock.acquire(stowDir())) {
      assertThatThrownBy(() -> StateLock.acquire(stowDir()))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("another reconcile in this process");
      // through another path to the same directory too
      Files.createSymbolicLink(root.resolve("alias"), root);
      assertThatThrownBy(() -> StateLock.acquire(root.resolve("alias/.stow")))
          .isInstanceOf(StateLockedException.class);

      assertThat(probe(stowDir().resolve(StateLock.OS_LOCK_FILE))).isEqualTo("held");
      assertThat(lockDir()).isDirectory();
    }
    assertThat(probe(stowDir().resolve(StateLock.OS_LOCK_FILE))).isEqualTo("free");
  }

  @Test
  void concurrentAcquires_exactlyOneWins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<StateLock>> attempts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return StateLock.acquire(stowDir());
                } catch (StateLockedException e) {
                  return null;
                }
              }));
    }
    start.countDown();
    List<StateLock> winners = new ArrayList<>();
    for (Future<StateLock> attempt : attempts) {
      StateLock lock = attempt.get(30, TimeUnit.SECONDS);
      if (lock != null) {
        winners.add(lock);
      }
    }
    pool.shutdown();
    assertThat(winners).hasSize(1);
    winners.get(0).close();
  }

  @Test
  void anOwnerlessLockDirectory_isTheOriginalToolsAndIsRefusedUntouched() throws IOException {
    Files.createDirectories(lockDir());

    assertThatThrownBy(() -> StateLock.acquire(stowDir()))
        .isInstanceOf(StateLockedException.class)
        .hasMessageContaining("original stow")
        .hasMessageContaining("rmdir " + lockDir().toRealPath());
    assertThat(lockDir()).isDirectory().isEmptyDirectory();
    // the failed attempt kept no OS lock and no holder
    Files.delete(lockDir());
    StateLock.acquire(stowDir()).close();
  }

  @Test
  void aLockDirectoryWhoseStowOwnerIsGone_isTakenOverWithAWarning() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Files.createDirectories(lockDir());
    Files.writeString(
        lockDir().resolve("owner"), "pid=" + finished.pid() + "\nstarted=2020-01-01T00:00:00Z\n");

    try (StateLock lock = StateLock.acquire(stowDir())) {
      assertThat(lock.takeover()).hasValueSatisfying(w -> assertThat(w).contains("is gone"));
      assertThat(Files.readString(lockDir().resolve("owner")))
          .contains("pid=" + ProcessHandle.current().pid());
    }
  }

  @Test
  void aReusedPidWithAnotherStartTime_countsAsGone() throws IOException {
    Files.createDirectories(lockDir());
    Files.writeString(
        lockDir().resolve("owner"),
        "pid=" + ProcessHandle.current().pid() + "\nstarted=" + Instant.EPOCH + "\n");

    try (StateLock lock = StateLock.acquire(stowDir())) {
      assertThat(lock.takeover()).isPresent();
    }
  }

  @Test
  void aLockDirectoryWhoseOwnerStillRuns_isRefused() throws Exception {
    Process alive = new ProcessBuilder("sleep", "60").start();
    try {
      ProcessHandle handle = alive.toHandle();
      Files.createDirectories(lockDir());
      Files.writeString(
          lockDir().resolve("owner"),
          "pid=" + handle.pid() + "\nstarted=" + handle.info().startInstant().orElseThrow() + "\n",
          StandardCharsets.UTF_8);

      assertThatThrownBy(() -> StateLock.acquire(stowDir()))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("process " + handle.pid() + " holds it");
      assertThat(lockDir().resolve("owner")).exists();
    } finally {
      alive.destroyForcibly().waitFor();
    }
  }

  @Test
  void theLockFileOfAnEarlierStowVersion_isReplacedByTheDirectory() throws IOException {
    Files.createDirectories(stowDir());
    Files.writeString(lockDir(), "");

    try (StateLock lock = StateLock.acquire(stowDir())) {
      assertThat(lockDir()).isDirectory();
    }
  }

  /** Asks another JVM whether the OS lock on {@code file} is held. */
  private static String probe(Path file) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockProbe.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
