package io.stow.engine.suggest;

import io.stow.gitlab.ArchiveReader;
import io.stow.gitlab.Branch;
import io.stow.gitlab.Commit;
import io.stow.gitlab.CommitAction;
import io.stow.gitlab.CommitRequest;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabException;
import io.stow.gitlab.MergeRequest;
import io.stow.gitlab.MergeRequestChanges;
import io.stow.gitlab.Project;
import io.stow.gitlab.RepositoryFile;
import io.stow.gitlab.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory GitLab project: commits as file maps with parents, branches, merge requests and
 * users. Records every call; writes are the calls that start with POST or PUT. Assignees that are
 * not active members are dropped, as GitLab does.
 */
final class FakeGitLabApi implements GitLabApi {

  final Project project = new Project(42, "ops/deployments", "main", "https://git/ops/deployments");
  final List<String> calls = new ArrayList<>();
  final Map<String, Map<String, String>> trees = new HashMap<>();
  final Map<String, List<String>> parents = new HashMap<>();
  final Map<String, String> branches = new LinkedHashMap<>();
  final List<MergeRequest> mergeRequests = new ArrayList<>();
  final Map<Long, User> users = new LinkedHashMap<>();
  final Set<Long> members = new HashSet<>();

  /** Makes the next create answer 409 after opening a merge request "someone else" made. */
  boolean raceOnCreate;

  private int next = 1;

  String commitFiles(String branch, Map<String, String> files) {
    String parent = branches.get(branch);
    Map<String, String> tree = new LinkedHashMap<>(parent == null ? Map.of() : trees.get(parent));
    tree.putAll(files);
    return store(branch, parent == null ? List.of() : List.of(parent), tree);
  }

  FakeGitLabApi user(long id, String name, String state, boolean member) {
    users.put(id, new User(id, name, state));
    if (member) {
      members.add(id);
    }
    return this;
  }

  List<String> writes() {
    return calls.stream().filter(c -> c.startsWith("POST") || c.startsWith("PUT")).toList();
  }

  private String store(String branch, List<String> parentIds, Map<String, String> tree) {
    String sha = String.format("%040x", next++);
    trees.put(sha, tree);
    parents.put(sha, parentIds);
    branches.put(branch, sha);
    return sha;
  }

  private Commit commitOf(String sha) {
    return new Commit(sha, parents.get(sha), "t");
  }

  @Override
  public Project project() {
    calls.add("GET project");
    return project;
  }

  @Override
  public Optional<Branch> findBranch(String name) {
    calls.add("GET branch " + name);
    return Optional.ofNullable(branches.get(name)).map(sha -> new Branch(name, commitOf(sha)));
  }

  @Override
  public Commit commit(String sha) {
    calls.add("GET commit " + sha);
    return commitOf(sha);
  }

  @Override
  public <T> T archive(String sha, Optional<String> path, ArchiveReader<T> reader) {
    throw new UnsupportedOperationException("suggest-image never downloads archives");
  }

  @Override
  public Optional<RepositoryFile> findFile(String filePath, String ref) {
    calls.add("GET file " + filePath + "@" + ref);
    String sha = branches.getOrDefault(ref, ref);
    return Optional.ofNullable(trees.get(sha))
        .map(t -> t.get(filePath))
        .map(
            text ->
                new RepositoryFile(
                    filePath, ref, "blob", sha, text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<byte[]> findRawFile(String filePath, String ref) {
    return findFile(filePath, ref).map(RepositoryFile::content);
  }

  @Override
  public Commit createCommit(CommitRequest request) {
    calls.add("POST commit " + request.branch());
    Map<String, String> tree = new LinkedHashMap<>(trees.get(request.startSha().orElseThrow()));
    for (CommitAction action : request.actions()) {
      tree.put(action.filePath(), action.content().orElseThrow());
    }
    return commitOf(store(request.branch(), List.of(request.startSha().get()), tree));
  }

  @Override
  public List<MergeRequest> openMergeRequests(String sourceBranch) {
    calls.add("GET merge requests " + sourceBranch);
    return mergeRequests.stream()
        .filter(m -> m.state().equals("opened") && m.sourceBranch().equals(sourceBranch))
        .toList();
  }

  @Override
  public MergeRequest createMergeRequest(MergeRequestChanges changes) {
    calls.add("POST merge request");
    if (raceOnCreate) {
      raceOnCreate = false;
      mergeRequests.add(
          mr(
              mergeRequests.size() + 1,
              changes.sourceBranch().orElseThrow(),
              "older",
              "older",
              List.of(),
              false));
      throw new GitLabException(
          "POST",
          "/projects/ops%2Fdeployments/merge_requests",
          409,
          "Another open merge request already exists for this source branch: !1",
          null);
    }
    MergeRequest mr =
        mr(
            mergeRequests.size() + 1,
            changes.sourceBranch().orElseThrow(),
            changes.title(),
            changes.description(),
            assignable(changes).orElse(List.of()),
            changes.removeSourceBranch());
    mergeRequests.add(mr);
    return mr;
  }

  @Override
  public MergeRequest updateMergeRequest(long iid, MergeRequestChanges changes) {
    calls.add("PUT merge request " + iid);
    MergeRequest old = mergeRequests.stream().filter(m -> m.iid() == iid).findFirst().orElseThrow();
    MergeRequest mr =
        mr(
            iid,
            old.sourceBranch(),
            changes.title(),
            changes.description(),
            assignable(changes).orElse(old.assigneeIds()),
            changes.removeSourceBranch());
    mergeRequests.replaceAll(m -> m.iid() == iid ? mr : m);
    return mr;
  }

  private Optional<List<Long>> assignable(MergeRequestChanges changes) {
    return changes
        .assigneeIds()
        .map(
            ids ->
                ids.stream()
                    .filter(
                        id ->
                            members.contains(id) && users.containsKey(id) && users.get(id).active())
                    .toList());
  }

  private MergeRequest mr(
      long iid,
      String source,
      String title,
      String description,
      List<Long> assignees,
      boolean remove) {
    return new MergeRequest(
        100 + iid,
        iid,
        "https://git/ops/deployments/-/merge_requests/" + iid,
        "opened",
        source,
        "main",
        title,
        description,
        assignees,
        remove);
  }

  @Override
  public Optional<User> findUser(String username) {
    calls.add("GET user " + username);
    return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  @Override
  public Optional<User> findUser(long id) {
    calls.add("GET user " + id);
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public void setCommitStatus(String sha, io.stow.gitlab.CommitStatusRequest status) {
    throw new UnsupportedOperationException("suggest-image sets no commit status");
  }
}
