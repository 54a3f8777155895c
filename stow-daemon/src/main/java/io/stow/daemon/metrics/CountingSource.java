package io.stow.daemon.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.source.TrackedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A tracked source that counts each download of the deployment folder: {@code reconcile} for the
 * branch head a run deploys, {@code status} for a commit the status endpoint resolves; {@code ok}
 * or {@code error}. Everything else goes straight to the source.
 */
final class CountingSource implements TrackedSource {

  private final TrackedSource source;
  private final Counter downloads;

  CountingSource(TrackedSource source, Counter downloads) {
    this.source = Objects.requireNonNull(source, "source");
    this.downloads = Objects.requireNonNull(downloads, "downloads");
  }

  @Override
  public String trackedBranch() {
    return source.trackedBranch();
  }

  @Override
  public String head() {
    return source.head();
  }

  @Override
  public DesiredStateSource atCommit(String sha) {
    DesiredStateSource commit = source.atCommit(sha);
    return new DesiredStateSource() {
      @Override
      public String resolveRevision() throws IOException {
        return commit.resolveRevision();
      }

      @Override
      public void materialise(String revision, Path staging) throws IOException {
        counted("status", () -> commit.materialise(revision, staging));
      }

      @Override
      public String describe() {
        return commit.describe();
      }

      @Override
      public String folderName() {
        return commit.folderName();
      }
    };
  }

  @Override
  public String resolveRevision() throws IOException {
    return source.resolveRevision();
  }

  @Override
  public void materialise(String revision, Path staging) throws IOException {
    counted("reconcile", () -> source.materialise(revision, staging));
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public String folderName() {
    return source.folderName();
  }

  private interface Download {
    void run() throws IOException;
  }

  private void counted(String purpose, Download download) throws IOException {
    boolean ok = false;
    try {
      download.run();
      ok = true;
    } finally {
      downloads.labelValues(purpose, ok ? "ok" : "error").inc();
    }
  }
}
