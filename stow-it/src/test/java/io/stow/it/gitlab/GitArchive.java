package io.stow.it.gitlab;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * {@code archive.tar.gz} as GitLab writes it: one top directory {@code prefix/} holding directory
 * entries and regular files at their full repository path, limited to {@code path} when given.
 */
final class GitArchive {

  private GitArchive() {}

  static void write(
      Repository repo, RevCommit commit, Optional<String> path, String prefix, OutputStream out)
      throws IOException {
    try (TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out));
        TreeWalk walk = new TreeWalk(repo)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      long mtime = commit.getCommitTime() * 1000L;
      directory(tar, prefix + "/", mtime);
      walk.addTree(commit.getTree());
      walk.setRecursive(false);
      path.ifPresent(p -> walk.setFilter(PathFilter.create(p)));
      while (walk.next()) {
        String name = prefix + "/" + walk.getPathString();
        if (walk.isSubtree()) {
          if (path.isEmpty() || walk.getPathString().length() >= path.get().length()) {
            directory(tar, name + "/", mtime);
          }
          walk.enterSubtree();
          continue;
        }
        byte[] content = repo.open(walk.getObjectId(0)).getBytes();
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(walk.getFileMode(0) == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
        entry.setModTime(mtime);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static void directory(TarArchiveOutputStream tar, String name, long mtime)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setModTime(mtime);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
