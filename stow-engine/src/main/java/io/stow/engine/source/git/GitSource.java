package io.stow.engine.source.git;

import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.source.ArchiveLimits;
import io.stow.engine.source.SourceException;
import io.stow.engine.source.TrackedSource;
import io.stow.gitlab.GitLabTrust;
import io.stow.model.config.DaemonConfig.GitSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * A host's folder of a deployment repository on any Git remote ({@code ssh://}, {@code
 * user@host:path}, {@code https://}, {@code file://}), read with JGit. The head of the tracked
 * branch is read with an ls-remote (cheap, every poll); objects are fetched only when that commit
 * is not in the private cache under the state root yet, shallow (depth 1). The folder is written
 * from the commit's tree with the archive extractor's rules: regular files and directories only,
 * links and submodules refused, bounded in size and count.
 *
 * <p>As for GitLab, a reconcile always deploys the head of the tracked branch; {@link #atCommit}
 * pins a commit only to resolve what it would deploy.
 */
public final class GitSource implements TrackedSource {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Map<Path, Object> CACHE_LOCKS = new ConcurrentHashMap<>();

  private final GitSettings settings;
  private final String subfolder;
  private final Path cacheDir;
  private final Path sshHome;
  private final ArchiveLimits limits;
  private final GitLabTrust trust;
  private final Optional<String> pinned;

  private GitSource(
      GitSettings settings,
      String subfolder,
      Path cacheDir,
      Path sshHome,
      ArchiveLimits limits,
      GitLabTrust trust,
      Optional<String> pinned) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.subfolder = Objects.requireNonNull(subfolder, "subfolder");
    this.cacheDir = cacheDir;
    this.sshHome = sshHome;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.pinned = pinned;
  }

  /**
   * The head of the configured branch (else the remote's default branch) of {@code settings},
   * folder {@code subfolder}, with its object cache below {@code cacheRoot} (e.g. {@code
   * <stateRoot>/.stow/git}).
   */
  public static GitSource tracking(
      GitSettings settings, String subfolder, Path cacheRoot, ArchiveLimits limits) {
    return tracking(settings, subfolder, cacheRoot, limits, GitLabTrust.javaRuntime());
  }

  /**
   * The same, accepting for an {@code https://} remote the server certificates {@code trust}
   * accepts (the Java runtime's CAs plus {@code gitlabCaCert}).
   */
  public static GitSource tracking(
      GitSettings settings,
      String subfolder,
      Path cacheRoot,
      ArchiveLimits limits,
      GitLabTrust trust) {
    String key = sha256(settings.url()).substring(0, 16);
    return new GitSource(
        settings,
        subfolder,
        cacheRoot.resolve(key + ".git"),
        cacheRoot.resolve("ssh"),
        limits,
        trust,
        Optional.empty());
  }

  @Override
  public GitSource atCommit(String sha) {
    if (!SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException("a commit is 40 or 64 lower-case hex characters");
    }
    return new GitSource(settings, subfolder, cacheDir, sshHome, limits, trust, Optional.of(sha));
  }

  @Override
  public String trackedBranch() {
    return settings.branch().orElseGet(() -> remoteHeads().defaultBranch());
  }

  @Override
  public String head() {
    RemoteHeads heads = remoteHeads();
    String branch = settings.branch().orElseGet(heads::defaultBranch);
    return heads
        .commit(branch)
        .orElseThrow(
            () ->
                new SourceException(
                    "the Git remote "
                        + settings.redactedUrl()
                        + " has no branch '"
                        + branch
                        + "'; check git.branch in the daemon configuration"));
  }

  @Override
  public String resolveRevision() {
    return pinned.orElseGet(this::head);
  }

  @Override
  public void materialise(String revision, Path staging) throws IOException {
    try (Repository repository = cache()) {
      ObjectId commit = ObjectId.fromString(revision);
      if (!repository.getObjectDatabase().has(commit)) {
        fetch(repository, revision);
      }
      new GitTreeWriter(repository, limits).write(commit, subfolder, staging);
    }
  }

  @Override
  public String describe() {
    return "Git folder '"
        + subfolder
        + "' of "
        + settings.redactedUrl()
        + pinned
            .map(sha -> " at commit " + sha)
            .orElse(" (head of " + settings.branch().orElse("the default branch") + ")");
  }

  /** What the remote's refs are now (one ls-remote). */
  private RemoteHeads remoteHeads() {
    try (GitTransport transport = new GitTransport(settings, privateSshHome(), trust)) {
      try {
        Map<String, Ref> refs =
            transport.apply(Git.lsRemoteRepository().setRemote(settings.url())).callAsMap();
        return new RemoteHeads(refs);
      } catch (GitAPIException | RuntimeException e) {
        if (e instanceof SourceException s) {
          throw s;
        }
        throw transport.failure("reading the branch heads (ls-remote)", e);
      }
    }
  }

  /**
   * Fetches {@code revision} shallowly into the cache: through the tracked branch when the commit
   * is its head, else by its id (servers that allow it).
   */
  private void fetch(Repository repository, String revision) {
    Object lock = CACHE_LOCKS.computeIfAbsent(cacheDir.toAbsolutePath(), p -> new Object());
    synchronized (lock) {
      try (GitTransport transport = new GitTransport(settings, privateSshHome(), trust)) {
        try {
          if (pinned.isEmpty()) {
            String branch = trackedBranch();
            fetch(
                transport,
                repository,
                new RefSpec("+refs/heads/" + branch + ":refs/stow/heads/" + branch));
          }
          if (!repository.getObjectDatabase().has(ObjectId.fromString(revision))) {
            fetch(
                transport,
                repository,
                new RefSpec("+" + revision + ":refs/stow/commits/" + revision));
          }
        } catch (GitAPIException | IOException | RuntimeException e) {
          if (e instanceof SourceException s) {
            throw s;
          }
          SourceException failure = transport.failure("fetching commit " + revision, e);
          if (pinned.isPresent() && !transport.refusedHostKey()) {
            throw notServedById(revision, failure);
          }
          throw failure;
        }
      }
    }
  }

  /**
   * Why fetching {@code revision} by its id failed, when the remote answers an ls-remote: many
   * servers (git over SSH or HTTP speaking protocol v0, unless {@code
   * uploadpack.allowReachableSHA1InWant} is set) serve only commits a branch or tag points at.
   */
  private SourceException notServedById(String revision, SourceException failure) {
    if (remoteHeads().advertises(revision)) {
      return failure;
    }
    return new SourceException(
        "the Git remote "
            + settings.redactedUrl()
            + " does not serve commit "
            + revision
            + " by its id: no branch or tag points at it there, and the server lets clients fetch"
            + " only such commits (git without uploadpack.allowReachableSHA1InWant, or not"
            + " speaking protocol version 2), or the commit is not there at all; what it would"
            + " deploy stays unknown",
        failure);
  }

  private void fetch(GitTransport transport, Repository repository, RefSpec spec)
      throws GitAPIException {
    try (Git git = Git.wrap(repository)) {
      transport
          .apply(
              git.fetch()
                  .setRemote(settings.url())
                  .setRefSpecs(spec)
                  .setDepth(1)
                  .setTagOpt(TagOpt.NO_TAGS))
          .call();
    }
  }

  /** The bare object cache, created private on first use. */
  private Repository cache() throws IOException {
    if (!Files.isDirectory(cacheDir)) {
      PrivateFiles.createPrivateDirectories(cacheDir.getParent());
      try {
        Git.init().setBare(true).setDirectory(cacheDir.toFile()).call().close();
      } catch (GitAPIException e) {
        throw new IOException("cannot create the Git cache " + cacheDir + ": " + e.getMessage());
      }
      PrivateFiles.restrictTree(cacheDir);
    }
    return new FileRepositoryBuilder().setGitDir(cacheDir.toFile()).setMustExist(true).build();
  }

  private Path privateSshHome() {
    try {
      return PrivateFiles.createPrivateDirectories(sshHome);
    } catch (IOException e) {
      throw new SourceException("cannot create " + sshHome + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
