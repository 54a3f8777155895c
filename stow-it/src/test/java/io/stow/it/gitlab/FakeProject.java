package io.stow.it.gitlab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A project of the fake GitLab: a real bare Git repository, its members and its merge requests.
 * Tests commit to its branches directly (to seed it, or to simulate someone else's merge) and read
 * back what the code under test wrote.
 */
public final class FakeProject {

  private final long id;
  private final String path;
  private final String defaultBranch;
  private final GitRepo repo;
  private final Set<Long> members = new LinkedHashSet<>();
  private final List<FakeMergeRequest> mergeRequests = new ArrayList<>();
  private final List<FakeCommitStatus> commitStatuses = new ArrayList<>();
  private final FakeGitLab gitlab;

  FakeProject(FakeGitLab gitlab, long id, String path, String defaultBranch, GitRepo repo) {
    this.gitlab = gitlab;
    this.id = id;
    this.path = path;
    this.defaultBranch = defaultBranch;
    this.repo = repo;
  }

  public long id() {
    return id;
  }

  /** {@code namespace/name}. */
  public String path() {
    return path;
  }

  public String defaultBranch() {
    return defaultBranch;
  }

  /** The bare repository on disk (a test may clone or inspect it with any Git tool). */
  public Path repository() {
    return repo.directory();
  }

  /** Makes the user (by username) a Developer of the project: it can see it and be assigned. */
  public FakeProject member(String username) {
    synchronized (gitlab) {
      members.add(gitlab.userId(username));
    }
    return this;
  }

  /**
   * Commits these files ({@code null} content deletes) on top of {@code branch}'s head, or as the
   * first commit of a new branch; returns the new sha.
   */
  public String commit(String branch, String message, Map<String, String> files) {
    Optional<String> head = repo.branchHead(branch);
    return repo.commit(
        branch, head, false, head, message, GitRepo.files(files, repo, branch), Instant.now());
  }

  /** The sha at the head of {@code branch}, or empty when there is no such branch. */
  public Optional<String> head(String branch) {
    return repo.branchHead(branch);
  }

  public List<String> branches() {
    return repo.branches();
  }

  /** The text of {@code path} at a branch or sha, or empty. */
  public Optional<String> file(String ref, String path) {
    return repo.file(ref, path).map(f -> new String(f.content(), StandardCharsets.UTF_8));
  }

  /** The parents of a commit, oldest first. */
  public List<String> parents(String sha) {
    RevCommit commit =
        repo.commit(sha).orElseThrow(() -> new IllegalArgumentException("no commit " + sha));
    List<String> parents = new ArrayList<>();
    for (RevCommit parent : commit.getParents()) {
      parents.add(parent.name());
    }
    return parents;
  }

  /** Every merge request, in creation order. */
  public List<FakeMergeRequest> mergeRequests() {
    synchronized (gitlab) {
      return List.copyOf(mergeRequests);
    }
  }

  /**
   * Merges an open merge request as GitLab's merge button would: a merge commit on the target
   * branch with the source's tree, the request marked merged, and its source branch deleted when it
   * asked for that. Returns the merge commit.
   */
  public String merge(long iid) {
    FakeMergeRequest mr;
    synchronized (gitlab) {
      mr =
          mergeRequest(iid)
              .filter(m -> m.state().equals("opened"))
              .orElseThrow(() -> new IllegalArgumentException("no open merge request !" + iid));
      replace(
          mr.with(
              mr.title(), mr.description(), mr.assigneeIds(), mr.removeSourceBranch(), "merged"));
    }
    String sha =
        repo.merge(
            mr.targetBranch(),
            mr.sourceBranch(),
            "Merge branch '" + mr.sourceBranch() + "' into '" + mr.targetBranch() + "'",
            Instant.now());
    if (mr.removeSourceBranch()) {
      repo.deleteBranch(mr.sourceBranch());
    }
    return sha;
  }

  /** Every state the commit statuses of {@code sha} went through, in the order they were set. */
  public List<FakeCommitStatus> commitStatuses(String sha) {
    synchronized (gitlab) {
      return commitStatuses.stream().filter(s -> s.sha().equals(sha)).toList();
    }
  }

  /**
   * The commit statuses of {@code sha} once there are {@code count} (they are set from the daemon's
   * own threads), or what there is after {@code within}.
   */
  public List<FakeCommitStatus> awaitCommitStatuses(String sha, int count, Duration within) {
    Instant deadline = Instant.now().plus(within);
    List<FakeCommitStatus> statuses = commitStatuses(sha);
    while (statuses.size() < count && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      statuses = commitStatuses(sha);
    }
    return statuses;
  }

  List<FakeCommitStatus> commitStatusList() {
    return commitStatuses;
  }

  GitRepo repo() {
    return repo;
  }

  boolean isMember(long userId) {
    return members.contains(userId);
  }

  Optional<FakeMergeRequest> mergeRequest(long iid) {
    return mergeRequests.stream().filter(m -> m.iid() == iid).findFirst();
  }

  List<FakeMergeRequest> mergeRequestList() {
    return mergeRequests;
  }

  void replace(FakeMergeRequest mr) {
    mergeRequests.replaceAll(m -> m.iid() == mr.iid() ? mr : m);
  }

  String archivePrefix(String ref, String sha, Optional<String> pathFilter) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name + "-" + ref + "-" + sha + pathFilter.map(p -> "-" + p.replace('/', '-')).orElse("");
  }
}
