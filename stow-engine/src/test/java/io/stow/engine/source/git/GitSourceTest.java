package io.stow.engine.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.source.ArchiveLimits;
import io.stow.engine.source.SourceException;
import io.stow.engine.source.UnsafeArchiveException;
import io.stow.model.config.DaemonConfig.GitSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain Git source against real repositories reached through {@code file://}. */
class GitSourceTest {

  @TempDir Path tmp;
  private Path remote;
  private Path work;
  private Git git;

  @BeforeEach
  void setUp() throws Exception {
    remote = tmp.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    work = tmp.resolve("work");
    git =
        Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(work.toFile()).call();
  }

  private String commit(String branch, Map<String, String> files) throws Exception {
    if (git.getRepository().resolve(Constants.HEAD) == null) {
      git.getRepository().updateRef(Constants.HEAD).link("refs/heads/" + branch);
    } else if (!branch.equals(git.getRepository().getBranch())) {
      boolean exists = git.getRepository().findRef("refs/heads/" + branch) != null;
      git.checkout().setName(branch).setCreateBranch(!exists).call();
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = work.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    git.add().addFilepattern(".").call();
    String sha = git.commit().setMessage("change").setAuthor("t", "t@example.com").call().getName();
    git.push().setRemote("origin").add(branch).call();
    return sha;
  }

  private GitSource source(Optional<String> branch) {
    GitSettings settings =
        new GitSettings(remote.toUri().toString(), branch, Optional.empty(), Optional.empty());
    return GitSource.tracking(settings, "host-1", tmp.resolve("cache"), ArchiveLimits.DEFAULT);
  }

  private Path materialise(GitSource source, String revision) throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging-" + System.nanoTime()));
    source.materialise(revision, staging);
    return staging;
  }

  @Test
  void head_isTheTrackedBranchOrTheDefaultBranch() throws Exception {
    String main = commit("main", Map.of("host-1/stow.yaml", "a"));
    String other = commit("feature", Map.of("host-1/stow.yaml", "b"));

    assertThat(source(Optional.empty()).trackedBranch()).isEqualTo("main");
    assertThat(source(Optional.empty()).head()).isEqualTo(main);
    assertThat(source(Optional.of("feature")).head()).isEqualTo(other);
    assertThat(source(Optional.empty()).resolveRevision()).isEqualTo(main);
  }

  @Test
  void materialise_writesTheSubfolderOfThatCommitOnly() throws Exception {
    String sha =
        commit(
            "main",
            Map.of(
                "host-1/stow.yaml", "deployment: {name: a}\n",
                "host-1/conf/app.conf", "x=1\n",
                "host-2/stow.yaml", "other host\n",
                "README.md", "repo\n"));

    Path staging = materialise(source(Optional.empty()), sha);

    try (Stream<Path> files = Files.walk(staging)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString()))
          .containsExactlyInAnyOrder("stow.yaml", "conf/app.conf");
    }
    assertThat(staging.resolve("conf/app.conf")).hasContent("x=1");
  }

  @Test
  void materialise_fetchesOnlyWhatTheCacheLacks() throws Exception {
    String sha = commit("main", Map.of("host-1/stow.yaml", "v1\n"));
    GitSource source = source(Optional.empty());
    materialise(source, sha);

    // the remote goes away: the cached commit still materialises, without any fetch
    deleteTree(remote);
    Path again = materialise(source, sha);

    assertThat(again.resolve("stow.yaml")).hasContent("v1");
  }

  @Test
  void atCommit_resolvesACommitThatIsNotTheHeadOfTheTrackedBranch() throws Exception {
    commit("main", Map.of("host-1/stow.yaml", "main\n"));
    String suggestion = commit("suggest/host-1-web", Map.of("host-1/stow.yaml", "proposed\n"));
    GitSource source = source(Optional.empty());

    GitSource pinned = source.atCommit(suggestion);
    assertThat(pinned.resolveRevision()).isEqualTo(suggestion);
    assertThat(materialise(pinned, suggestion).resolve("stow.yaml")).hasContent("proposed");
    assertThat(source.resolveRevision()).isNotEqualTo(suggestion);
  }

  @Test
  void atCommit_ofAnOlderCommitOfTheBranch_fetchesItById() throws Exception {
    String old = commit("main", Map.of("host-1/stow.yaml", "old\n"));
    commit("main", Map.of("host-1/stow.yaml", "new\n"));

    GitSource pinned = source(Optional.empty()).atCommit(old);

    assertThat(materialise(pinned, old).resolve("stow.yaml")).hasContent("old");
  }

  @Test
  void atCommit_ofACommitTheRemoteDoesNotServe_saysSo_andNamesNoKeyProblem() throws Exception {
    commit("main", Map.of("host-1/stow.yaml", "main\n"));
    String absent = "0123456789abcdef0123456789abcdef01234567";
    GitSource pinned = source(Optional.empty()).atCommit(absent);
    Path staging = Files.createDirectories(tmp.resolve("staging-absent"));

    assertThatThrownBy(() -> pinned.materialise(absent, staging))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("does not serve commit " + absent + " by its id")
        .hasMessageContaining("uploadpack.allowReachableSHA1InWant")
        .hasMessageContaining("stays unknown");
    assertThat(staging).isEmptyDirectory();
  }

  @Test
  void aMissingBranchOrSubfolder_isASourceFailureThatSaysWhatToFix() throws Exception {
    String sha = commit("main", Map.of("host-2/stow.yaml", "x"));

    assertThatThrownBy(() -> source(Optional.of("production")).head())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no branch 'production'")
        .hasMessageContaining("git.branch");
    assertThatThrownBy(() -> materialise(source(Optional.empty()), sha))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no folder 'host-1'");
  }

  @Test
  void symbolicLinksAndSubmodules_areRefusedBeforeAnythingIsWritten() throws Exception {
    String sha = commitTree(Map.of("stow.yaml", FileMode.REGULAR_FILE, "evil", FileMode.SYMLINK));
    Path staging = Files.createDirectories(tmp.resolve("staging-links"));

    assertThatThrownBy(() -> source(Optional.empty()).materialise(sha, staging))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("host-1/evil")
        .hasMessageContaining("symbolic link");
    assertThat(staging).isEmptyDirectory();

    String module =
        commitTree(Map.of("stow.yaml", FileMode.REGULAR_FILE, "vendor", FileMode.GITLINK));
    assertThatThrownBy(() -> source(Optional.empty()).materialise(module, staging))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("submodule");
  }

  @Test
  void anUnreachableRemote_namesItWithoutCredentials() {
    GitSettings settings =
        new GitSettings(
            "https://deploy:S3NT1NEL-token@127.0.0.1:9/repo.git",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    GitSource source =
        GitSource.tracking(settings, "host-1", tmp.resolve("cache"), ArchiveLimits.DEFAULT);

    assertThatThrownBy(source::head)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("https://<redacted>@127.0.0.1:9/repo.git")
        .hasMessageNotContaining("S3NT1NEL");
  }

  /** Pushes a commit whose host-1 folder holds entries of the given modes, built by hand. */
  private String commitTree(Map<String, FileMode> entries) throws Exception {
    try (Repository repository = Git.open(remote.toFile()).getRepository();
        ObjectInserter inserter = repository.newObjectInserter()) {
      TreeFormatter folder = new TreeFormatter();
      for (String name : new java.util.TreeSet<>(entries.keySet())) {
        FileMode mode = entries.get(name);
        ObjectId id =
            mode == FileMode.GITLINK
                ? ObjectId.fromString("0123456789012345678901234567890123456789")
                : inserter.insert(Constants.OBJ_BLOB, name.getBytes(StandardCharsets.UTF_8));
        folder.append(name, mode, id);
      }
      TreeFormatter root = new TreeFormatter();
      root.append("host-1", FileMode.TREE, inserter.insert(folder));
      org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
      commit.setTreeId(inserter.insert(root));
      org.eclipse.jgit.lib.PersonIdent who =
          new org.eclipse.jgit.lib.PersonIdent("t", "t@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("hand-made");
      ObjectId sha = inserter.insert(commit);
      inserter.flush();
      org.eclipse.jgit.lib.RefUpdate update = repository.updateRef("refs/heads/main");
      update.setNewObjectId(sha);
      update.forceUpdate();
      return sha.name();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
