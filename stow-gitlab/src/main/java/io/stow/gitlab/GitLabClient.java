package io.stow.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * {@link GitLabApi} over GitLab's REST API v4, with OkHttp and Jackson. Built with {@link
 * #builder()}. The project, given by numeric id or by {@code namespace/path}, is resolved to its
 * numeric id by the first request and cached. Thread-safe.
 */
public final class GitLabClient implements GitLabApi {

  /** The most pages a listing follows; far beyond what one source branch can have. */
  static final int MAX_PAGES = 50;

  private final HttpUrl apiBase;
  private final String projectRef;
  private final Transport transport;
  private final Optional<ArchiveThrottle> archives;
  private final OkHttpClient http;
  private volatile Project project;

  GitLabClient(
      HttpUrl apiBase,
      String projectRef,
      Transport transport,
      Optional<ArchiveThrottle> archives,
      OkHttpClient http) {
    this.apiBase = apiBase;
    this.projectRef = projectRef;
    this.transport = transport;
    this.archives = archives;
    this.http = http;
  }

  /** A builder; base URL, token and project are required. */
  public static GitLabClientBuilder builder() {
    return new GitLabClientBuilder();
  }

  /** The API base this client calls, always ending in {@code /api/v4}. */
  public String apiBase() {
    String url = apiBase.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public Project project() {
    Project known = project;
    if (known == null) {
      Endpoint endpoint = Endpoint.project();
      known = get(endpoint, projectRef, Json::project);
      project = known;
    }
    return known;
  }

  @Override
  public Optional<Branch> findBranch(String name) {
    return getOptional(Endpoint.project("repository", "branches", name), Json::branch);
  }

  @Override
  public Commit commit(String sha) {
    return get(Endpoint.project("repository", "commits", sha), segment(), Json::commit);
  }

  @Override
  public <T> T archive(String sha, Optional<String> path, ArchiveReader<T> reader) {
    Endpoint endpoint = Endpoint.project("repository", "archive.tar.gz").query("sha", sha);
    if (path.isPresent()) {
      endpoint = endpoint.query("path", path.get());
    }
    String segment = segment();
    if (archives.isPresent()) {
      try {
        archives.get().acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitLabException("GET", endpoint.display(projectRef), 0, "interrupted", e);
      }
    }
    return transport.send(
        call("GET", endpoint, segment, null),
        true,
        response -> {
          try (var in = response.body().byteStream()) {
            return reader.read(in);
          }
        });
  }

  @Override
  public Optional<RepositoryFile> findFile(String filePath, String ref) {
    return getOptional(
        Endpoint.project("repository", "files", filePath).query("ref", ref), Json::file);
  }

  @Override
  public Optional<byte[]> findRawFile(String filePath, String ref) {
    Endpoint endpoint = Endpoint.project("repository", "files", filePath, "raw").query("ref", ref);
    return optional(
        () -> transport.send(call("GET", endpoint, segment(), null), true, r -> r.body().bytes()));
  }

  @Override
  public Commit createCommit(CommitRequest request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("branch", request.branch());
    body.put("commit_message", request.message());
    request.startSha().ifPresent(sha -> body.put("start_sha", sha));
    if (request.force()) {
      body.put("force", true);
    }
    ArrayNode actions = body.putArray("actions");
    for (CommitAction action : request.actions()) {
      ObjectNode json = actions.addObject();
      json.put("action", action.type().wire());
      json.put("file_path", action.filePath());
      action.content().ifPresent(c -> json.put("content", c));
    }
    Endpoint endpoint = Endpoint.project("repository", "commits");
    return transport.send(
        call("POST", endpoint, segment(), Json.body(body)),
        request.idempotent(),
        r -> Json.commit(Json.read(r)));
  }

  @Override
  public List<MergeRequest> openMergeRequests(String sourceBranch) {
    Endpoint endpoint =
        Endpoint.project("merge_requests")
            .query("state", "opened")
            .query("source_branch", sourceBranch)
            .query("per_page", "100");
    List<MergeRequest> all = new ArrayList<>();
    new Pages(transport, apiBase, MAX_PAGES)
        .each(call("GET", endpoint, segment(), null), json -> all.add(Json.mergeRequest(json)));
    return all;
  }

  @Override
  public MergeRequest createMergeRequest(MergeRequestChanges changes) {
    ObjectNode body = mergeRequestBody(changes);
    body.put(
        "source_branch",
        changes
            .sourceBranch()
            .orElseThrow(
                () -> new IllegalArgumentException("a new merge request needs a source branch")));
    body.put(
        "target_branch",
        changes
            .targetBranch()
            .orElseThrow(
                () -> new IllegalArgumentException("a new merge request needs a target branch")));
    return transport.send(
        call("POST", Endpoint.project("merge_requests"), segment(), Json.body(body)),
        false,
        r -> Json.mergeRequest(Json.read(r)));
  }

  @Override
  public MergeRequest updateMergeRequest(long iid, MergeRequestChanges changes) {
    Endpoint endpoint = Endpoint.project("merge_requests", Long.toString(iid));
    return transport.send(
        call("PUT", endpoint, segment(), Json.body(mergeRequestBody(changes))),
        false,
        r -> Json.mergeRequest(Json.read(r)));
  }

  @Override
  public Optional<User> findUser(String username) {
    Endpoint endpoint = Endpoint.of("users").query("username", username);
    List<User> found =
        transport.send(
            call("GET", endpoint, projectRef, null),
            true,
            r -> {
              List<User> users = new ArrayList<>();
              Json.read(r).forEach(json -> users.add(Json.user(json)));
              return users;
            });
    return found.stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
  }

  @Override
  public Optional<User> findUser(long id) {
    Endpoint endpoint = Endpoint.of("users", Long.toString(id));
    return optional(
        () ->
            transport.send(
                call("GET", endpoint, projectRef, null), true, r -> Json.user(Json.read(r))));
  }

  @Override
  public void setCommitStatus(String sha, CommitStatusRequest status) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("state", status.state().wire());
    body.put("name", status.name());
    status.ref().ifPresent(r -> body.put("ref", r));
    status.targetUrl().ifPresent(u -> body.put("target_url", u));
    status.description().ifPresent(d -> body.put("description", d));
    try {
      transport.send(
          call("POST", Endpoint.project("statuses", sha), segment(), Json.body(body)),
          true,
          r -> null);
    } catch (GitLabException e) {
      // the status is in that state already (an earlier attempt got through)
      if (!(e.is(400) && e.gitLabMessage().startsWith("Cannot transition status"))) {
        throw e;
      }
    }
  }

  @Override
  public String toString() {
    return "GitLabClient[" + apiBase() + ", project " + projectRef + "]";
  }

  /** Closes idle connections; the client stays usable. */
  public void evictConnections() {
    http.connectionPool().evictAll();
  }

  private static ObjectNode mergeRequestBody(MergeRequestChanges changes) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("title", changes.title());
    body.put("description", changes.description());
    body.put("remove_source_branch", changes.removeSourceBranch());
    changes.assigneeIds().ifPresent(ids -> ids.forEach(body.putArray("assignee_ids")::add));
    return body;
  }

  /** The project's segment for URLs: its numeric id, resolved on first use. */
  private String segment() {
    return Long.toString(project().id());
  }

  private Transport.Call call(String method, Endpoint endpoint, String segment, RequestBody body) {
    return new Transport.Call(
        method, endpoint.url(apiBase, segment), endpoint.display(projectRef), body);
  }

  private <T> T get(Endpoint endpoint, String segment, JsonMapper<T> mapper) {
    return transport.send(
        call("GET", endpoint, segment, null), true, r -> mapper.map(Json.read(r)));
  }

  private <T> Optional<T> getOptional(Endpoint endpoint, JsonMapper<T> mapper) {
    return optional(() -> get(endpoint, segment(), mapper));
  }

  private static <T> Optional<T> optional(java.util.function.Supplier<T> request) {
    try {
      return Optional.of(request.get());
    } catch (GitLabException e) {
      if (e.is(404)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @FunctionalInterface
  private interface JsonMapper<T> {
    T map(JsonNode json) throws IOException;
  }
}
