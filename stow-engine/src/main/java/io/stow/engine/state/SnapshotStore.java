package io.stow.engine.state;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The on-disk state below a state root (the user's home by default), laid out like the original
 * tool so a host can move between the two:
 *
 * <pre>
 * &lt;root&gt;/.stow/lock                     the state lock
 * &lt;root&gt;/.stow/staging/&lt;random&gt;         a run's staging directory
 * &lt;root&gt;/.stow/snapshots/&lt;deployment_hash&gt;  one directory per deployed state
 * &lt;root&gt;/running-config              symlink to the current snapshot
 * &lt;root&gt;/running-config.previous     symlink to the previous one, only while an apply is open
 * &lt;root&gt;/.stow/first-apply              names the deployment while its first apply is open
 * </pre>
 *
 * <p>An update is open while {@code running-config.previous} exists. A first deployment has no
 * previous snapshot to mark it, so {@code .stow/first-apply} does: a run that finds either knows an
 * earlier apply was interrupted and rolls it back before anything else.
 *
 * <p>Each snapshot holds the deployment folder (with decrypted secrets) plus {@code .git-revision},
 * {@code .config-sha256} (the deployment hash: the original tool named it before there were four
 * hashes, and compares it with the running hash), {@code .deployment-name}, {@code
 * .stow-snapshot.json} and {@code .stow-rendered-manifest.yaml}. Directories are 0700, files 0600.
 * Symlinks are swapped atomically: the new link is created under a temporary name and renamed over
 * the old one.
 */
public final class SnapshotStore {

  public static final String RUNNING_CONFIG = "running-config";
  public static final String PREVIOUS = "running-config.previous";
  public static final String GIT_REVISION = ".git-revision";
  public static final String CONFIG_SHA256 = ".config-sha256";
  public static final String DEPLOYMENT_NAME = ".deployment-name";
  public static final String SNAPSHOT_JSON = ".stow-snapshot.json";
  public static final String RENDERED_MANIFEST = ".stow-rendered-manifest.yaml";

  private final Path root;
  private final Clock clock;

  public SnapshotStore(Path root, Clock clock) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path root() {
    return root;
  }

  public Path stowDir() {
    return root.resolve(".stow");
  }

  public Path snapshotsDir() {
    return stowDir().resolve("snapshots");
  }

  /** The original tool's lock directory, {@code .stow/lock}. */
  public Path lockDir() {
    return stowDir().resolve(StateLock.LOCK_DIR);
  }

  public Path runningConfig() {
    return root.resolve(RUNNING_CONFIG);
  }

  public Path previousLink() {
    return root.resolve(PREVIOUS);
  }

  public Path firstApplyMarker() {
    return stowDir().resolve("first-apply");
  }

  /** Where the snapshot of this deployment hash lives (whether or not it exists). */
  public Path snapshotDir(String deploymentHash) {
    return snapshotsDir().resolve(deploymentHash);
  }

  /** Takes the state lock; see {@link StateLock}. */
  public StateLock lock() throws IOException {
    return StateLock.acquire(stowDir());
  }

  /**
   * Creates the state root when it is missing, and {@code .stow} with its snapshots and staging
   * directories (0700). An existing state root keeps its mode: only what stow owns is locked down.
   */
  public void initialise() throws IOException {
    PrivateFiles.createPrivateDirectories(root);
    for (Path own : List.of(stowDir(), snapshotsDir(), stagingRoot())) {
      PrivateFiles.createPrivateDirectories(own);
      PrivateFiles.restrictDirectory(own);
    }
  }

  /** Where runs stage deployment folders, on the same file system as the snapshots. */
  public StagingArea staging() {
    return new StagingArea(stagingRoot());
  }

  /** The snapshot {@code running-config} points at, if any. */
  public Optional<SnapshotInfo> current() throws IOException {
    return read(runningConfig());
  }

  /** The snapshot {@code running-config.previous} points at, if any. */
  public Optional<SnapshotInfo> previous() throws IOException {
    return read(previousLink());
  }

  /** Whether {@code running-config.previous} exists: an apply is open or was interrupted. */
  public boolean hasPrevious() {
    return Files.exists(previousLink(), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Turns the staging directory into the snapshot for {@code metadata}'s deployment hash and makes
   * it current: the old {@code running-config} target becomes {@code running-config.previous}. When
   * a snapshot of that hash exists already (same content), the staging directory is dropped and the
   * existing snapshot reused with fresh metadata.
   */
  public SnapshotInfo promote(Path staging, SnapshotMetadata metadata, String renderedManifest)
      throws IOException {
    initialise();
    String hash = metadata.hashes().deploymentHash();
    Path snapshot = snapshotDir(hash);
    if (Files.isDirectory(snapshot, LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.deleteRecursively(staging);
    } else {
      Files.move(staging, snapshot, StandardCopyOption.ATOMIC_MOVE);
    }
    writeMetadata(snapshot, metadata, renderedManifest);
    PrivateFiles.restrictTree(snapshot);
    // the snapshot must be on disk before running-config can point at it
    PrivateFiles.syncTree(snapshot);
    PrivateFiles.syncDirectory(snapshotsDir());
    rememberPrevious();
    swapLink(runningConfig(), snapshot);
    return new SnapshotInfo(
        snapshot, hash, Optional.of(metadata.deploymentName()), Optional.of(metadata.revision()));
  }

  /**
   * Marks the first apply of a deployment as open, before its snapshot becomes current and any
   * container is created; {@link #commit} or {@link #closeFirstApply} ends it. The marker names the
   * deployment on its first line and, one per line after it, the containers the apply creates: a
   * rollback removes those and leaves the deployment's other containers alone.
   */
  public void openFirstApply(String deploymentName, Set<String> containers) throws IOException {
    initialise();
    StringBuilder content = new StringBuilder(deploymentName).append('\n');
    containers.forEach(c -> content.append(c).append('\n'));
    PrivateFiles.writeAtomically(
        firstApplyMarker(), content.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An open first apply: the deployment and the containers it creates (empty when the marker was
   * written before stow recorded them: then all of the deployment's containers).
   */
  public record FirstApply(String deploymentName, Set<String> containers) {
    public FirstApply {
      Objects.requireNonNull(deploymentName, "deploymentName");
      containers = Set.copyOf(containers);
    }
  }

  /** The first apply an earlier run left open, if any. */
  public Optional<FirstApply> openFirstApply() throws IOException {
    if (!Files.isRegularFile(firstApplyMarker(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    List<String> lines =
        Files.readString(firstApplyMarker(), StandardCharsets.UTF_8).lines().toList();
    String name = lines.isEmpty() ? "" : lines.get(0).strip();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Set<String> containers = new HashSet<>();
    lines.stream().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(containers::add);
    return Optional.of(new FirstApply(name, containers));
  }

  /** Ends an open first apply without committing it (it was rolled back). */
  public void closeFirstApply() throws IOException {
    Files.deleteIfExists(firstApplyMarker());
  }

  /** Ends an apply that verified: {@code running-config.previous} is removed. */
  public void commit() throws IOException {
    PrivateFiles.deleteRecursively(previousLink());
    closeFirstApply();
  }

  /**
   * Moves {@code running-config.previous} back to {@code running-config} (one atomic rename).
   *
   * @throws NoSuchFileException when there is no previous snapshot
   */
  public SnapshotInfo restorePrevious() throws IOException {
    SnapshotInfo previous =
        previous()
            .orElseThrow(
                () ->
                    new NoSuchFileException(
                        previousLink().toString(), null, "no previous snapshot to restore"));
    Path running = runningConfig();
    if (Files.isDirectory(running, LinkOption.NOFOLLOW_LINKS)) {
      // a real directory (never written by stow): it cannot be renamed over
      PrivateFiles.deleteRecursively(running);
    }
    Files.move(previousLink(), running, StandardCopyOption.ATOMIC_MOVE);
    PrivateFiles.syncDirectory(root);
    return previous;
  }

  /** Removes the {@code running-config} link (its snapshot stays until pruned). */
  public void dropCurrent() throws IOException {
    if (Files.isSymbolicLink(runningConfig())) {
      Files.delete(runningConfig());
    }
  }

  /**
   * Deletes all snapshots except the {@code keep} most recently promoted ones and the current and
   * previous snapshots.
   *
   * @return the deleted snapshot directories
   */
  public List<Path> prune(int keep) throws IOException {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must not be negative: " + keep);
    }
    if (!Files.isDirectory(snapshotsDir(), LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    Set<Path> pinned = new HashSet<>();
    current().ifPresent(s -> pinned.add(s.dir()));
    previous().ifPresent(s -> pinned.add(s.dir()));
    List<Path> candidates = new ArrayList<>();
    for (Path dir : list(snapshotsDir())) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !pinned.contains(dir.toRealPath())) {
        candidates.add(dir);
      }
    }
    candidates.sort(
        Comparator.comparing(SnapshotStore::promotedAt)
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    List<Path> deleted = new ArrayList<>();
    for (Path dir : candidates.subList(Math.min(keep, candidates.size()), candidates.size())) {
      PrivateFiles.deleteRecursively(dir);
      deleted.add(dir);
    }
    return deleted;
  }

  private Path stagingRoot() {
    return stowDir().resolve("staging");
  }

  private void writeMetadata(Path snapshot, SnapshotMetadata metadata, String renderedManifest)
      throws IOException {
    write(snapshot.resolve(GIT_REVISION), metadata.revision());
    write(snapshot.resolve(CONFIG_SHA256), metadata.hashes().deploymentHash());
    write(snapshot.resolve(DEPLOYMENT_NAME), metadata.deploymentName());
    write(snapshot.resolve(RENDERED_MANIFEST), renderedManifest);
    Path json = snapshot.resolve(SNAPSHOT_JSON);
    write(json, metadata.toJson());
    // retention orders snapshots by when they were last made current
    Files.setLastModifiedTime(json, FileTime.from(clock.instant()));
  }

  private static void write(Path file, String content) throws IOException {
    PrivateFiles.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Points {@code running-config.previous} at what {@code running-config} points at now. */
  private void rememberPrevious() throws IOException {
    Path running = runningConfig();
    PrivateFiles.deleteRecursively(previousLink());
    if (Files.isSymbolicLink(running)) {
      swapLink(previousLink(), Files.readSymbolicLink(running));
    } else if (Files.isDirectory(running, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(running, previousLink(), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Creates the link under a temporary name, then renames it over {@code link}. */
  private static void swapLink(Path link, Path target) throws IOException {
    Path temp = link.resolveSibling("." + link.getFileName() + ".next-" + UUID.randomUUID());
    Files.createSymbolicLink(temp, target);
    try {
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
      PrivateFiles.syncDirectory(link.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Optional<SnapshotInfo> read(Path link) throws IOException {
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path dir = link.toRealPath();
    Path hashFile = dir.resolve(CONFIG_SHA256);
    if (!Files.isRegularFile(hashFile)) {
      throw new NoSuchFileException(
          hashFile.toString(),
          null,
          link.getFileName() + " points at a snapshot without " + CONFIG_SHA256);
    }
    return Optional.of(
        new SnapshotInfo(
            dir,
            Files.readString(hashFile).strip(),
            readOptional(dir.resolve(DEPLOYMENT_NAME)),
            readOptional(dir.resolve(GIT_REVISION))));
  }

  private static Optional<String> readOptional(Path file) throws IOException {
    return Files.isRegularFile(file)
        ? Optional.of(Files.readString(file).strip())
        : Optional.empty();
  }

  private static FileTime promotedAt(Path dir) {
    try {
      Path json = dir.resolve(SNAPSHOT_JSON);
      return Files.getLastModifiedTime(Files.exists(json) ? json : dir);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    return children;
  }
}
