package io.stow.it.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLabHandler.Call;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /projects/:id/statuses/:sha} as GitLab documents it: {@code state} (pending, running,
 * success, failed, canceled) required, {@code name} (default {@code default}), {@code ref}
 * (default: the default branch), {@code target_url}, {@code description}, from the query or a JSON
 * body. A status that is still pending or running changes state (to the same state: 400 "Cannot
 * transition status"); after it finished, a new one starts. 404 for an unknown commit; a token
 * without the {@code api} scope gets 403 before this runs.
 */
final class CommitStatusRoutes {

  private static final Set<String> STATES =
      Set.of("pending", "running", "success", "failed", "canceled");

  /** GitLab's name for the transition into each state, as its error messages say. */
  private static final Map<String, String> EVENTS =
      Map.of(
          "pending", "enqueue",
          "running", "run",
          "success", "succeed",
          "failed", "drop",
          "canceled", "cancel");

  private final FakeGitLab gitlab;

  CommitStatusRoutes(FakeGitLab gitlab) {
    this.gitlab = gitlab;
  }

  Reply set(Call call, FakeProject project) {
    Map<String, String> params;
    try {
      params = params(call);
    } catch (IOException e) {
      return Reply.message(400, "400 Bad request - body is not JSON");
    }
    String sha = call.segments().get(3);
    var commit = project.repo().commit(sha);
    if (commit.isEmpty() || !commit.get().name().startsWith(sha)) {
      return Reply.message(404, "404 Commit Not Found");
    }
    String state = params.get("state");
    if (state == null || state.isBlank()) {
      return Reply.json(400, Map.of("error", "state is missing"));
    }
    if (!STATES.contains(state)) {
      return Reply.json(400, Map.of("error", "state does not have a valid value"));
    }
    String name = Optional.ofNullable(params.get("name")).orElse("default");
    String ref = Optional.ofNullable(params.get("ref")).orElse(project.defaultBranch());
    String full = commit.get().name();
    Optional<FakeCommitStatus> open =
        project.commitStatusList().stream()
            .filter(s -> s.sha().equals(full) && s.name().equals(name) && s.ref().equals(ref))
            .reduce((first, second) -> second)
            .filter(FakeCommitStatus::open);
    if (open.isPresent() && open.get().status().equals(state)) {
      return Reply.message(
          400, "Cannot transition status via :" + EVENTS.get(state) + " from :" + state);
    }
    FakeCommitStatus status =
        new FakeCommitStatus(
            open.map(FakeCommitStatus::id).orElseGet(gitlab::nextCommitStatusId),
            full,
            ref,
            name,
            state,
            Optional.ofNullable(params.get("target_url")),
            Optional.ofNullable(params.get("description")),
            Instant.now());
    project.commitStatusList().add(status);
    return Reply.json(201, json(status));
  }

  /** The query's parameters, overridden by a JSON body's fields. */
  private static Map<String, String> params(Call call) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    call.query().forEach((k, v) -> params.put(k, v.isEmpty() ? null : v.get(0)));
    if (!call.body().isBlank()) {
      JsonNode body = Reply.JSON.readTree(call.body());
      body.fields()
          .forEachRemaining(
              e -> params.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    }
    return params;
  }

  private static Map<String, Object> json(FakeCommitStatus s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("sha", s.sha());
    json.put("ref", s.ref());
    json.put("status", s.status());
    json.put("name", s.name());
    json.put("target_url", s.targetUrl().orElse(null));
    json.put("description", s.description().orElse(null));
    json.put("created_at", s.at().toString());
    json.put("allow_failure", false);
    return json;
  }
}
