package io.stow.engine.state;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The original tool's lock protocol on {@code .stow/lock}: a directory made with {@code mkdir},
 * removed at the end. stow writes {@code owner} inside ({@code pid=}, {@code started=}) so that a
 * directory whose stow process died can be recognised and taken over. Called with the OS lock held,
 * so no other stow process races this code; the original tool does not take the OS lock, and is
 * kept out by {@code mkdir} failing on an existing directory.
 */
final class LockDirectory {

  private LockDirectory() {}

  /**
   * Makes the lock directory and records this process as its owner.
   *
   * @return a warning when a dead stow process's directory was taken over
   * @throws StateLockedException when a live process (or the original tool) holds it
   */
  static Optional<String> take(Path lockDir) throws IOException {
    Optional<String> takeover = Optional.empty();
    if (Files.isRegularFile(lockDir, LinkOption.NOFOLLOW_LINKS)) {
      // an earlier stow version kept a plain lock file here; its OS lock is the state lock's now
      Files.delete(lockDir);
    } else if (Files.isDirectory(lockDir, LinkOption.NOFOLLOW_LINKS)) {
      takeover = Optional.of(takeOver(lockDir));
    } else if (Files.exists(lockDir, LinkOption.NOFOLLOW_LINKS)) {
      throw new StateLockedException(
          lockDir, "it is neither a directory nor a file; remove it: rm " + lockDir);
    }
    try {
      PrivateFiles.createDirectory(lockDir);
    } catch (FileAlreadyExistsException e) {
      throw new StateLockedException(
          lockDir, "another process made it just now (the original stow?); try again later");
    }
    PrivateFiles.writeAtomically(
        lockDir.resolve(StateLock.OWNER_FILE),
        ProcessOwner.current().render().getBytes(StandardCharsets.UTF_8));
    return takeover;
  }

  /** Removes a lock directory whose stow owner died; refuses any other. */
  private static String takeOver(Path lockDir) throws IOException {
    Optional<String> recorded = StateLock.ownerOf(lockDir);
    if (recorded.isEmpty()) {
      throw new StateLockedException(
          lockDir,
          "it records no owner: the original stow is running, or one of its runs died; if no"
              + " reconcile runs on this host, remove it: rmdir "
              + lockDir);
    }
    Optional<ProcessOwner> owner = ProcessOwner.parse(recorded.get());
    if (owner.isPresent() && owner.get().isAlive()) {
      throw new StateLockedException(
          lockDir,
          "process " + owner.get().pid() + " holds it and is still running; wait for it to finish");
    }
    PrivateFiles.deleteRecursively(lockDir);
    return "took over the state lock "
        + lockDir
        + " left by a stow process that is gone ("
        + recorded.get().replace('\n', ' ')
        + ")";
  }

  /** Removes the lock directory; a missing one is fine. */
  static void release(Path lockDir) throws IOException {
    PrivateFiles.deleteRecursively(lockDir);
  }
}
