package io.stow.engine.source.git;

import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.source.ArchiveLimits;
import io.stow.engine.source.SourceException;
import io.stow.engine.source.UnsafeArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes one folder of a commit's tree into an empty directory with the rules archives follow:
 * regular files (mode 0600) and directories (0700) only; symbolic links and submodules are refused
 * with their path before anything is written; names with control characters are refused; the total
 * size and the number of entries are bounded.
 */
final class GitTreeWriter {

  private final Repository repository;
  private final ArchiveLimits limits;

  GitTreeWriter(Repository repository, ArchiveLimits limits) {
    this.repository = repository;
    this.limits = limits;
  }

  void write(ObjectId commitId, String subfolder, Path target) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(commitId);
      ObjectId folder = folderTree(commit, subfolder);
      check(folder, subfolder);
      copy(folder, target);
    }
  }

  private ObjectId folderTree(RevCommit commit, String subfolder) throws IOException {
    String path = subfolder.replaceAll("^/+|/+$", "");
    if (path.isEmpty()) {
      return commit.getTree();
    }
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
        throw new SourceException(
            "commit "
                + commit.name()
                + " has no folder '"
                + subfolder
                + "'; check the subfolder setting (it defaults to the host name)");
      }
      return walk.getObjectId(0);
    }
  }

  /** Refuses the whole folder before anything is written when one entry breaks a rule. */
  private void check(ObjectId tree, String subfolder) throws IOException {
    long bytes = 0;
    int entries = 0;
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        String path = subfolder + "/" + walk.getPathString();
        FileMode mode = walk.getFileMode(0);
        if (++entries > limits.maxEntries()) {
          throw new UnsafeArchiveException(
              "", "the folder has more than " + limits.maxEntries() + " entries");
        }
        if (walk.getNameString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
          throw new UnsafeArchiveException(path, "has a control character in its name");
        }
        if (mode == FileMode.TREE) {
          walk.enterSubtree();
        } else if (mode == FileMode.SYMLINK) {
          throw new UnsafeArchiveException(
              path, "is a symbolic link; a deployment folder holds regular files only");
        } else if (mode == FileMode.GITLINK) {
          throw new UnsafeArchiveException(
              path, "is a submodule; a deployment folder holds regular files only");
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          bytes += repository.open(walk.getObjectId(0)).getSize();
          if (bytes > limits.maxTotalBytes()) {
            throw new UnsafeArchiveException(
                "", "the folder is larger than " + limits.maxTotalBytes() + " bytes");
          }
        } else {
          throw new UnsafeArchiveException(path, "has an unknown Git file mode " + mode);
        }
      }
    }
  }

  private void copy(ObjectId tree, Path target) throws IOException {
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        Path path = target.resolve(walk.getPathString()).normalize();
        if (!path.startsWith(target)) {
          throw new UnsafeArchiveException(walk.getPathString(), "escapes the folder");
        }
        if (walk.getFileMode(0) == FileMode.TREE) {
          PrivateFiles.createDirectory(path);
          walk.enterSubtree();
        } else {
          ObjectLoader loader = repository.open(walk.getObjectId(0));
          try (InputStream in = loader.openStream()) {
            PrivateFiles.copyNew(in, path);
          }
        }
      }
    }
  }
}
