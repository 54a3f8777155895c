package io.stow.engine.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the desired state comes from: a GitLab archive, a local directory, a Git remote. The engine
 * owns this port so that any front end can plug in its own source.
 */
public interface DesiredStateSource {

  /** The revision recorded for a local directory, which has none. */
  String LOCAL_REVISION = "local";

  /**
   * Resolves the revision to deploy: a Git commit for Git-backed sources, {@link #LOCAL_REVISION}
   * for a directory. The value is written to the snapshot's {@code .git-revision}.
   */
  String resolveRevision() throws IOException;

  /**
   * Materialises the deployment folder of {@code revision} into {@code staging}, an empty
   * directory: {@code stow.yaml} at its root, regular files and directories only.
   *
   * @throws SourceException when the source cannot deliver a safe deployment folder
   */
  void materialise(String revision, Path staging) throws IOException;

  /** A short description for messages, e.g. {@code directory /srv/deploy}. */
  String describe();

  /**
   * The deployment folder's own name (a staged copy of it has another): a Compose project without
   * {@code name:} is named after it, as Compose names a project after its directory. Empty when the
   * source cannot tell; such a Compose file must then set {@code name:}.
   */
  default String folderName() {
    return "";
  }
}
