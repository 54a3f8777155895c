package io.stow.engine.state;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a separate JVM by {@link StateLockTest}: tries the OS lock on the file given as argument
 * and prints {@code free} or {@code held}. OS file locks belong to a process, so only another
 * process can tell whether this one still holds its lock.
 */
public final class LockProbe {

  private LockProbe() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      System.out.println(lock == null ? "held" : "free");
    }
  }
}
