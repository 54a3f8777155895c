package io.stow.gitlab;

import java.util.List;
import java.util.Optional;

/**
 * The GitLab REST v4 operations stow uses, on one project. {@link GitLabClient} is the HTTP
 * implementation; tests of its users can implement this interface with a hand-written fake.
 *
 * <p>Every method throws {@link GitLabException} when GitLab refuses or cannot be reached; the
 * message names the method, the endpoint, the status, GitLab's own message and what to do.
 */
public interface GitLabApi {

  /** The project (fetched once, then cached). */
  Project project();

  /** The branch, or empty when the project has no branch of that name. */
  Optional<Branch> findBranch(String name);

  /** The commit with this sha (or any ref GitLab resolves). */
  Commit commit(String sha);

  /**
   * Streams {@code archive.tar.gz} of the repository at {@code sha}, limited to {@code path} when
   * given, to {@code reader}; never buffered whole. Archive downloads are rate-limited by GitLab (5
   * a minute per user on GitLab.com): a burst waits for its turn instead of failing.
   */
  <T> T archive(String sha, Optional<String> path, ArchiveReader<T> reader);

  /** The file at {@code ref} with its blob id and content, or empty when it does not exist. */
  Optional<RepositoryFile> findFile(String filePath, String ref);

  /** The raw bytes of the file at {@code ref}, or empty when it does not exist. */
  Optional<byte[]> findRawFile(String filePath, String ref);

  /** Makes one commit; a forced commit from a start sha is retried when that is safe. */
  Commit createCommit(CommitRequest request);

  /** The open merge requests whose source branch is {@code sourceBranch} (every page). */
  List<MergeRequest> openMergeRequests(String sourceBranch);

  /** Creates a merge request; 409 means one is already open for the source branch. */
  MergeRequest createMergeRequest(MergeRequestChanges changes);

  /** Updates the merge request with this project-level {@code iid}. */
  MergeRequest updateMergeRequest(long iid, MergeRequestChanges changes);

  /** The user with this username, or empty when GitLab knows none. */
  Optional<User> findUser(String username);

  /** The user with this id, or empty when GitLab knows none. */
  Optional<User> findUser(long id);

  /**
   * Sets the status {@code status.name()} of commit {@code sha} to {@code status.state()}. Setting
   * the state the status has already (GitLab's 400 "Cannot transition status") is not an error, so
   * a retried request does no harm. Needs a token with the {@code api} scope (else 403).
   */
  void setCommitStatus(String sha, CommitStatusRequest status);
}
