package io.stow.engine.state;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * An exclusive lock on the state directory, held through {@code <stateRoot>/.stow/lock}. The
 * operating system releases it when the process dies, so a crash never leaves a stale lock.
 */
public final class StateLock implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws StateLockedException when another process (or another run in this one) holds it
   */
  public static StateLock acquire(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    PrivateFiles.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PrivateFiles.FILE_MODE));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another process created it first: fine, the lock decides
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new StateLockedException(file);
    }
    return new StateLock(file, channel, lock);
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
