package io.stow.engine.steps;

import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.state.SnapshotInfo;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one {@link io.stow.engine.Reconciler} remembers between its runs, so that a long-lived
 * embedder (the daemon) finds "nothing to do" with one container list: the revision it last
 * deployed from which source, and the running snapshot's parsed descriptor.
 *
 * <p>Both are only shortcuts to a no-op. The revision counts only for the very same source object
 * (one configuration: the same repository, branch and folder) and for a Git commit, whose content
 * cannot change; a directory's revision is never remembered. The descriptor counts only while its
 * snapshot and manifest file are the ones it was read from. Anything else takes the full path.
 */
public final class RunMemory {

  /** A revision this reconciler deployed (or found running) from {@code source}. */
  private record Deployed(DesiredStateSource source, String revision, String deploymentHash) {}

  /** A snapshot's descriptor, with the warnings its loading gave and what it was read from. */
  record Loaded(
      Path dir,
      String deploymentHash,
      Path manifest,
      FileTime modified,
      long size,
      Descriptor descriptor,
      List<String> warnings) {}

  private final AtomicReference<Deployed> deployed = new AtomicReference<>();
  private final AtomicReference<Loaded> loaded = new AtomicReference<>();
  private final AtomicReference<Redacted> redacted = new AtomicReference<>();

  /** A descriptor and its redacted form for reports. */
  private record Redacted(Descriptor descriptor, RedactedDescriptor redacted) {}

  /** Remembers that {@code source} at {@code revision} runs as {@code deploymentHash}. */
  void deployed(DesiredStateSource source, String revision, String deploymentHash) {
    if (DesiredStateSource.LOCAL_REVISION.equals(revision)) {
      deployed.set(null);
      return;
    }
    deployed.set(
        new Deployed(
            Objects.requireNonNull(source, "source"),
            Objects.requireNonNull(revision, "revision"),
            Objects.requireNonNull(deploymentHash, "deploymentHash")));
  }

  /** Whether a run of {@code source} may skip a download it made before: the same source object. */
  boolean tracks(DesiredStateSource source) {
    Deployed last = deployed.get();
    return last != null && last.source() == source;
  }

  /**
   * Whether {@code source} at {@code revision} is what runs: this reconciler deployed exactly that
   * from exactly that source, and the running snapshot is still the one it made.
   */
  boolean runs(DesiredStateSource source, String revision, SnapshotInfo running) {
    Deployed last = deployed.get();
    return last != null
        && last.source() == source
        && last.revision().equals(revision)
        && last.deploymentHash().equals(running.deploymentHash())
        && running.revision().filter(revision::equals).isPresent();
  }

  /** The descriptor loaded from {@code running} before, when its manifest has not changed since. */
  Optional<Loaded> descriptorOf(SnapshotInfo running) {
    Loaded last = loaded.get();
    if (last == null
        || !last.dir().equals(running.dir())
        || !last.deploymentHash().equals(running.deploymentHash())) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes now =
          Files.readAttributes(
              last.manifest(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (now.lastModifiedTime().equals(last.modified()) && now.size() == last.size()) {
        return Optional.of(last);
      }
    } catch (IOException e) {
      // gone or unreadable: load it again, which reports why
    }
    loaded.set(null);
    return Optional.empty();
  }

  /** {@code descriptor} as reports show it; the same descriptor object is redacted once. */
  RedactedDescriptor redacted(Descriptor descriptor) {
    Redacted last = redacted.get();
    if (last != null && last.descriptor() == descriptor) {
      return last.redacted();
    }
    RedactedDescriptor made = RedactedDescriptor.of(descriptor);
    redacted.set(new Redacted(descriptor, made));
    return made;
  }

  /** Remembers the descriptor loaded from {@code running}'s manifest file {@code manifest}. */
  void loaded(SnapshotInfo running, Path manifest, Descriptor descriptor, List<String> warnings) {
    try {
      BasicFileAttributes read =
          Files.readAttributes(manifest, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      loaded.set(
          new Loaded(
              running.dir(),
              running.deploymentHash(),
              manifest,
              read.lastModifiedTime(),
              read.size(),
              descriptor,
              List.copyOf(warnings)));
    } catch (IOException e) {
      loaded.set(null);
    }
  }
}
