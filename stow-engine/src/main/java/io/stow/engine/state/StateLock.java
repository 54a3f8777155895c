package io.stow.engine.state;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a state root, held by one reconcile at a time across processes and threads,
 * and understood by the original tool.
 *
 * <p>Three layers, taken in this order and released in reverse:
 *
 * <ol>
 *   <li>one holder per state directory in this process, checked before any file is opened (closing
 *       a second channel on a locked file would release the process's OS lock);
 *   <li>an OS file lock on {@code .stow/state.lock}, which the operating system drops when the
 *       process dies, so concurrent stow processes exclude each other;
 *   <li>the original tool's protocol: {@code .stow/lock} is a directory made with {@code mkdir} and
 *       removed at the end; while it exists the original refuses to run. stow records its pid and
 *       start time in {@code .stow/lock/owner}, so a directory left by a stow process that died is
 *       taken over with a warning. A directory without an owner is the original's (running, or left
 *       by a crash): stow refuses and says how to clear it.
 * </ol>
 */
public final class StateLock implements AutoCloseable {

  /** The original tool's lock directory below {@code .stow}. */
  public static final String LOCK_DIR = "lock";

  /** The file stow holds an OS lock on below {@code .stow}. */
  public static final String OS_LOCK_FILE = "state.lock";

  static final String OWNER_FILE = "owner";

  private static final Map<Path, StateLock> HELD = new ConcurrentHashMap<>();

  private final Path key;
  private final Path lockDir;
  private final FileChannel channel;
  private final FileLock osLock;
  private final Optional<String> takeover;

  private StateLock(
      Path key, Path lockDir, FileChannel channel, FileLock osLock, Optional<String> takeover) {
    this.key = key;
    this.lockDir = lockDir;
    this.channel = channel;
    this.osLock = osLock;
    this.takeover = takeover;
  }

  /**
   * Takes the lock of the state directory {@code stowDir} ({@code <root>/.stow}) without waiting.
   *
   * @throws StateLockedException when another run in this process, another stow process, or the
   *     original tool holds it
   */
  public static StateLock acquire(Path stowDir) throws IOException {
    Objects.requireNonNull(stowDir, "stowDir");
    PrivateFiles.createPrivateDirectories(stowDir);
    Path key = stowDir.toRealPath();
    Path lockDir = key.resolve(LOCK_DIR);
    StateLock[] made = new StateLock[1];
    IOException[] failure = new IOException[1];
    StateLock existing =
        HELD.computeIfAbsent(
            key,
            k -> {
              try {
                made[0] = lockFiles(k, lockDir);
                return made[0];
              } catch (IOException e) {
                failure[0] = e;
                return null;
              }
            });
    if (failure[0] != null) {
      throw failure[0];
    }
    if (made[0] == null || existing != made[0]) {
      throw new StateLockedException(
          lockDir, "another reconcile in this process holds it; wait for it to finish");
    }
    return made[0];
  }

  private static StateLock lockFiles(Path stowDir, Path lockDir) throws IOException {
    Path osLockFile = stowDir.resolve(OS_LOCK_FILE);
    PrivateFiles.createFileIfMissing(osLockFile);
    FileChannel channel =
        FileChannel.open(
            osLockFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    FileLock osLock;
    try {
      osLock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      osLock = null; // cannot happen behind HELD; refuse rather than share
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (osLock == null) {
      channel.close();
      throw new StateLockedException(
          lockDir,
          "another stow process holds it (OS lock on "
              + osLockFile
              + "); wait for it to finish: the lock goes when that process exits");
    }
    try {
      Optional<String> takeover = LockDirectory.take(lockDir);
      return new StateLock(stowDir, lockDir, channel, osLock, takeover);
    } catch (IOException | RuntimeException | Error e) {
      try {
        osLock.release();
      } finally {
        channel.close();
      }
      throw e;
    }
  }

  /** The original tool's lock directory this lock holds. */
  public Path lockDirectory() {
    return lockDir;
  }

  /** Why an earlier owner's lock directory was taken over, when it was. */
  public Optional<String> takeover() {
    return takeover;
  }

  @Override
  public void close() throws IOException {
    try {
      LockDirectory.release(lockDir);
    } finally {
      try {
        osLock.release();
      } finally {
        channel.close();
        HELD.remove(key, this);
      }
    }
  }

  /** Reads the owner recorded in a lock directory, for messages; empty when there is none. */
  static Optional<String> ownerOf(Path lockDir) {
    try {
      return Optional.of(
          Files.readString(lockDir.resolve(OWNER_FILE), StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
