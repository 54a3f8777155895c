package io.stow.engine.state;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private directories where runs stage a deployment folder (and decrypt its secrets) before it
 * becomes a snapshot: {@code <root>/.stow/staging/<kind>-<pid>-<start>-<random>}, 0700, on the same
 * file system as the snapshots. A run deletes its directory when it ends; a process killed midway
 * cannot, so every run first sweeps the directories of processes that are gone. Directories of live
 * processes, including this one's runs in other threads, are left alone, so dry runs and status
 * checks may stage beside a reconcile without the state lock.
 */
public final class StagingArea {

  private static final Pattern NAME = Pattern.compile("[a-z-]+-([0-9]+)-([0-9]+)-[0-9a-f-]+");
  private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

  private final Path dir;

  StagingArea(Path dir) {
    this.dir = dir;
  }

  /** The directory holding every staging directory. */
  public Path dir() {
    return dir;
  }

  /** One run's staging directory; closing it deletes it. */
  public static final class Staging implements AutoCloseable {
    private final Path path;

    private Staging(Path path) {
      this.path = path;
    }

    public Path path() {
      return path;
    }

    @Override
    public void close() {
      try {
        PrivateFiles.deleteQuietly(path);
      } finally {
        IN_USE.remove(path);
      }
    }
  }

  /**
   * Creates a fresh, empty 0700 staging directory for a run of {@code kind} ({@code reconcile},
   * {@code dry-run}, {@code status}).
   */
  public Staging create(String kind) throws IOException {
    if (!kind.matches("[a-z-]+")) {
      throw new IllegalArgumentException("staging kind must be lower-case letters: " + kind);
    }
    PrivateFiles.createPrivateDirectories(dir);
    ProcessOwner self = ProcessOwner.current();
    Path path =
        dir.resolve(
            kind
                + "-"
                + self.pid()
                + "-"
                + self.started().map(java.time.Instant::toEpochMilli).orElse(0L)
                + "-"
                + UUID.randomUUID());
    IN_USE.add(path);
    try {
      PrivateFiles.createDirectory(path);
    } catch (IOException | RuntimeException e) {
      IN_USE.remove(path);
      throw e;
    }
    return new Staging(path);
  }

  /**
   * Deletes what runs that are gone left behind: directories of dead processes, this process's
   * directories that no run uses, and anything else below the staging directory (earlier layouts).
   *
   * @return the deleted paths
   */
  public List<Path> sweep() throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return deleted;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    for (Path child : children) {
      if (!IN_USE.contains(child) && !ownedByLiveProcess(child)) {
        PrivateFiles.deleteRecursively(child);
        deleted.add(child);
      }
    }
    return deleted;
  }

  private static boolean ownedByLiveProcess(Path child) {
    Optional<ProcessOwner> owner = owner(child.getFileName().toString());
    if (owner.isEmpty() || owner.get().isCurrent()) {
      return false; // an unknown name, or this process's and not in use: a leftover
    }
    return owner.get().isAlive();
  }

  private static Optional<ProcessOwner> owner(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    long startMillis = Long.parseLong(m.group(2));
    return Optional.of(
        new ProcessOwner(
            Long.parseLong(m.group(1)),
            startMillis == 0
                ? Optional.empty()
                : Optional.of(java.time.Instant.ofEpochMilli(startMillis))));
  }
}
