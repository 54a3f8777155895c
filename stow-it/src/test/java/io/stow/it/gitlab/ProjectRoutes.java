package io.stow.it.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLabHandler.Call;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.revwalk.RevCommit;

/** The project, repository and user endpoints of the fake, with GitLab's statuses and bodies. */
final class ProjectRoutes {

  private final FakeGitLab gitlab;

  ProjectRoutes(FakeGitLab gitlab) {
    this.gitlab = gitlab;
  }

  /** Finds the project the token can see (else 404) and refuses writes it may not make (403). */
  Reply withProject(Call call, Function<FakeProject, Reply> route) {
    Optional<FakeProject> project = gitlab.project(call.segments().get(1));
    FakeGitLab.FakeToken token = call.token();
    boolean visible =
        project.isPresent()
            && (token.job() || token.userId().map(project.get()::isMember).orElse(false));
    if (!visible) {
      return Reply.message(404, "404 Project Not Found");
    }
    if (!call.method().equals("GET") && !token.canWrite()) {
      return token.job()
          ? Reply.message(403, "403 Forbidden")
          : Reply.json(
              403,
              Map.of(
                  "error",
                  "insufficient_scope",
                  "error_description",
                  "The request requires higher privileges than provided by the access token.",
                  "scope",
                  "api"));
    }
    synchronized (gitlab) {
      return route.apply(project.get());
    }
  }

  Reply answer(Call call, Route route, FakeProject project) {
    List<String> s = call.segments();
    return switch (route) {
      case PROJECT -> Reply.json(200, project(project));
      case BRANCH ->
          project
              .repo()
              .commit(s.get(4))
              .filter(c -> project.head(s.get(4)).isPresent())
              .map(c -> Reply.json(200, branch(project, s.get(4), c)))
              .orElse(Reply.message(404, "404 Branch Not Found"));
      case COMMIT ->
          project
              .repo()
              .commit(s.get(4))
              .map(c -> Reply.json(200, commit(c)))
              .orElse(Reply.message(404, "404 Commit Not Found"));
      case FILE, RAW_FILE -> file(call, route, project, s.get(4));
      case ARCHIVE -> archive(call, project);
      case CREATE_COMMIT -> createCommit(call, project);
      default -> Reply.message(404, "404 Not Found");
    };
  }

  Reply users(Call call, Route route) {
    if (route == Route.USER) {
      Optional<FakeGitLab.FakeUser> user =
          call.segments().get(1).matches("[0-9]+")
              ? gitlab.userById(Long.parseLong(call.segments().get(1)))
              : Optional.empty();
      return user.map(u -> Reply.json(200, user(u)))
          .orElse(Reply.message(404, "404 User Not Found"));
    }
    String username = call.param("username");
    List<Object> found = new ArrayList<>();
    if (username != null) {
      gitlab.userByName(username).ifPresent(u -> found.add(user(u)));
    }
    return Reply.json(200, found);
  }

  private Reply file(Call call, Route route, FakeProject project, String path) {
    String ref = call.param("ref");
    if (ref == null || ref.isBlank()) {
      return Reply.json(400, Map.of("error", "ref is missing"));
    }
    Optional<GitRepo.FileAt> file = project.repo().file(ref, path);
    if (file.isEmpty()) {
      return Reply.message(404, "404 File Not Found");
    }
    GitRepo.FileAt f = file.get();
    if (route == Route.RAW_FILE) {
      return Reply.bytes(200, "text/plain; charset=utf-8", f.content())
          .header("X-Gitlab-Blob-Id", f.blobId())
          .header("X-Gitlab-Last-Commit-Id", f.lastCommitId());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file_name", path.substring(path.lastIndexOf('/') + 1));
    json.put("file_path", path);
    json.put("size", f.content().length);
    json.put("encoding", "base64");
    json.put("ref", ref);
    json.put("blob_id", f.blobId());
    json.put("commit_id", project.repo().commit(ref).orElseThrow().name());
    json.put("last_commit_id", f.lastCommitId());
    json.put("content", Base64.getEncoder().encodeToString(f.content()));
    return Reply.json(200, json);
  }

  private Reply archive(Call call, FakeProject project) {
    String ref = Optional.ofNullable(call.param("sha")).orElse(project.defaultBranch());
    Optional<RevCommit> commit = project.repo().commit(ref);
    if (commit.isEmpty()) {
      return Reply.message(404, "404 File Not Found");
    }
    Optional<String> path =
        Optional.ofNullable(call.param("path"))
            .filter(p -> !p.isBlank())
            .map(p -> p.replaceAll("^/+|/+$", ""));
    String prefix = project.archivePrefix(ref, commit.get().name(), path);
    return new Reply(
        200,
        Map.of(
            "Content-Type",
            "application/x-gzip",
            "Content-Disposition",
            "attachment; filename=\"" + prefix + ".tar.gz\""),
        out -> project.repo().archive(commit.get(), path, prefix, out));
  }

  private Reply createCommit(Call call, FakeProject project) {
    JsonNode body;
    try {
      body = Reply.JSON.readTree(call.body());
    } catch (IOException e) {
      return Reply.message(400, "400 Bad request - body is not JSON");
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("branch", "commit_message", "actions")) {
      if (!body.hasNonNull(field) || (field.equals("actions") && body.get(field).isEmpty())) {
        missing.add(field + " is missing");
      }
    }
    if (!missing.isEmpty()) {
      return Reply.json(400, Map.of("error", String.join(", ", missing)));
    }
    String branch = body.get("branch").asText();
    boolean force = body.path("force").asBoolean(false);
    Optional<String> head = project.head(branch);
    Optional<String> start = Optional.empty();
    if (body.hasNonNull("start_sha")) {
      start = project.repo().commit(body.get("start_sha").asText()).map(RevCommit::name);
      if (start.isEmpty()) {
        return Reply.message(400, "Invalid start SHA");
      }
    } else if (body.hasNonNull("start_branch")) {
      start = project.head(body.get("start_branch").asText());
      if (start.isEmpty()) {
        return Reply.message(400, "Invalid start branch name");
      }
    }
    if (start.isPresent() && head.isPresent() && !force) {
      return Reply.message(
          400,
          "A branch called '"
              + branch
              + "' already exists. Switch to that"
              + " branch in order to make changes");
    }
    Optional<String> parent = start.isPresent() ? start : head;
    if (parent.isEmpty() && !project.branches().isEmpty()) {
      return Reply.message(400, "You can only create or edit files when you are on a branch");
    }
    List<GitRepo.Change> changes = new ArrayList<>();
    for (JsonNode action : body.get("actions")) {
      changes.add(
          new GitRepo.Change(
              action.path("action").asText(),
              action.path("file_path").asText(),
              action.hasNonNull("content")
                  ? Optional.of(GitRepo.utf8(action.get("content").asText()))
                  : Optional.empty()));
    }
    try {
      String sha =
          project
              .repo()
              .commit(
                  branch,
                  parent,
                  force || start.isEmpty(),
                  head,
                  body.get("commit_message").asText(),
                  changes,
                  Instant.now());
      return Reply.json(201, commit(project.repo().commit(sha).orElseThrow()));
    } catch (IllegalArgumentException e) {
      return Reply.message(400, e.getMessage());
    }
  }

  private Map<String, Object> project(FakeProject project) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", project.id());
    json.put("name", project.path().substring(project.path().lastIndexOf('/') + 1));
    json.put("path", project.path().substring(project.path().lastIndexOf('/') + 1));
    json.put("path_with_namespace", project.path());
    json.put("default_branch", project.defaultBranch());
    json.put("web_url", gitlab.baseUrl() + "/" + project.path());
    return json;
  }

  private static Map<String, Object> branch(FakeProject project, String name, RevCommit head) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("commit", commit(head));
    json.put("merged", false);
    json.put("protected", name.equals(project.defaultBranch()));
    json.put("default", name.equals(project.defaultBranch()));
    return json;
  }

  static Map<String, Object> commit(RevCommit commit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", commit.name());
    json.put("short_id", commit.name().substring(0, 8));
    json.put("title", commit.getShortMessage());
    json.put("message", commit.getFullMessage());
    List<String> parents = new ArrayList<>();
    for (RevCommit parent : commit.getParents()) {
      parents.add(parent.name());
    }
    json.put("parent_ids", parents);
    json.put("created_at", Instant.ofEpochSecond(commit.getCommitTime()).toString());
    return json;
  }

  static Map<String, Object> user(FakeGitLab.FakeUser user) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", user.id());
    json.put("username", user.username());
    json.put("name", user.username());
    json.put("state", user.state());
    return json;
  }
}
