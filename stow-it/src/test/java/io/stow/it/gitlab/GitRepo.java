package io.stow.it.gitlab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real bare Git repository (JGit) behind a fake GitLab project: commits made from file actions,
 * branches moved with or without force, files read at any commit, and archives written in GitLab's
 * layout. Thread-safe: every operation holds the repository's lock.
 */
final class GitRepo implements AutoCloseable {

  /** One file change: content for create/update, empty for delete. */
  record Change(String action, String path, Optional<byte[]> content) {}

  /** A file at a commit. */
  record FileAt(byte[] content, String blobId, String lastCommitId) {}

  private final Repository repo;
  private final Git git;

  GitRepo(Path dir, String defaultBranch) {
    try {
      git =
          Git.init()
              .setBare(true)
              .setDirectory(dir.toFile())
              .setInitialBranch(defaultBranch)
              .call();
      repo = git.getRepository();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create a bare repository in " + dir, e);
    }
  }

  Path directory() {
    return repo.getDirectory().toPath();
  }

  synchronized Optional<String> branchHead(String branch) {
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + branch);
      return Optional.ofNullable(ref).map(r -> r.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized List<String> branches() {
    try {
      List<String> names = new ArrayList<>();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        names.add(ref.getName().substring(Constants.R_HEADS.length()));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit a ref (branch name or sha) names, or empty. */
  synchronized Optional<RevCommit> commit(String ref) {
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId id =
          ref.matches("[0-9a-f]{40}")
              ? ObjectId.fromString(ref)
              : Optional.ofNullable(repo.exactRef(Constants.R_HEADS + ref))
                  .map(Ref::getObjectId)
                  .orElse(null);
      if (id == null || !repo.getObjectDatabase().has(id)) {
        return Optional.empty();
      }
      return Optional.of(walk.parseCommit(id));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  synchronized Optional<FileAt> file(String ref, String path) {
    Optional<RevCommit> commit = commit(ref);
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.get().getTree())) {
      if (walk == null || walk.isSubtree()) {
        return Optional.empty();
      }
      ObjectId blob = walk.getObjectId(0);
      byte[] content = repo.open(blob).getBytes();
      RevCommit last =
          git.log().add(commit.get()).addPath(path).setMaxCount(1).call().iterator().next();
      return Optional.of(new FileAt(content, blob.name(), last.name()));
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("cannot read " + path + " at " + ref, e);
    }
  }

  /**
   * Commits {@code changes} on top of {@code parent} (empty: a root commit) and points {@code
   * branch} at the result: with {@code force} whatever it held, else only if it held {@code
   * expectedOld} (empty: only if it did not exist).
   *
   * @throws IllegalArgumentException for a create of an existing file, or an update or delete of a
   *     missing one, with GitLab's message
   * @throws IllegalStateException when the branch moved meanwhile
   */
  synchronized String commit(
      String branch,
      Optional<String> parent,
      boolean force,
      Optional<String> expectedOld,
      String message,
      List<Change> changes,
      Instant when) {
    try (ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = repo.newObjectReader()) {
      DirCache index = DirCache.newInCore();
      Optional<RevCommit> base = parent.flatMap(this::commit);
      if (base.isPresent()) {
        var builder = index.builder();
        builder.addTree(new byte[0], 0, reader, base.get().getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Change change : changes) {
        boolean exists = index.getEntry(change.path()) != null;
        switch (change.action()) {
          case "create" -> {
            if (exists) {
              throw new IllegalArgumentException("A file with this name already exists");
            }
          }
          case "update", "delete" -> {
            if (!exists) {
              throw new IllegalArgumentException("A file with this name doesn't exist");
            }
          }
          default -> throw new IllegalArgumentException("Unknown action '" + change.action() + "'");
        }
        if (change.action().equals("delete")) {
          editor.add(new DirCacheEditor.DeletePath(change.path()));
        } else {
          ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.content().orElseThrow());
          editor.add(
              new DirCacheEditor.PathEdit(change.path()) {
                @Override
                public void apply(DirCacheEntry entry) {
                  entry.setFileMode(FileMode.REGULAR_FILE);
                  entry.setObjectId(blob);
                }
              });
        }
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      base.ifPresent(b -> commit.setParentId(b));
      PersonIdent who =
          new PersonIdent(
              "stow fake GitLab", "fake@gitlab.invalid", when, java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      move(branch, id, force, expectedOld);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points {@code branch} at a merge of {@code source} into it, with the source's tree. */
  synchronized String merge(String branch, String source, String message, Instant when) {
    RevCommit target = commit(branch).orElseThrow();
    RevCommit theirs = commit(source).orElseThrow();
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(theirs.getTree());
      commit.setParentIds(target, theirs);
      PersonIdent who =
          new PersonIdent(
              "stow fake GitLab", "fake@gitlab.invalid", when, java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      move(branch, id, false, Optional.of(target.name()));
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void deleteBranch(String branch) {
    try {
      RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
      update.setForceUpdate(true);
      update.delete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void move(String branch, ObjectId id, boolean force, Optional<String> expectedOld)
      throws IOException {
    RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(id);
    if (force) {
      update.setForceUpdate(true);
    } else {
      update.setExpectedOldObjectId(
          expectedOld.map(ObjectId::fromString).orElse(ObjectId.zeroId()));
    }
    RefUpdate.Result result = update.update();
    if (!List.of(
            RefUpdate.Result.NEW,
            RefUpdate.Result.FORCED,
            RefUpdate.Result.FAST_FORWARD,
            RefUpdate.Result.NO_CHANGE)
        .contains(result)) {
      throw new IllegalStateException("branch " + branch + " could not be moved: " + result);
    }
  }

  /** Writes {@code archive.tar.gz} of {@code commit} in GitLab's layout; see {@link GitArchive}. */
  synchronized void archive(
      RevCommit commit, Optional<String> path, String prefix, OutputStream out) throws IOException {
    GitArchive.write(repo, commit, path, prefix, out);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<Change> files(Map<String, String> files, GitRepo repo, String ref) {
    List<Change> changes = new ArrayList<>();
    files.forEach(
        (path, content) ->
            changes.add(
                new Change(
                    content == null
                        ? "delete"
                        : repo.file(ref, path).isPresent() ? "update" : "create",
                    path,
                    Optional.ofNullable(content).map(GitRepo::utf8))));
    return changes;
  }

  @Override
  public synchronized void close() {
    git.close();
  }
}
