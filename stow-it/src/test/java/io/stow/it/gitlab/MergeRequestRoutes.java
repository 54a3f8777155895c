package io.stow.it.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLabHandler.Call;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merge requests: list (filtered, paginated with {@code Link} and {@code X-Next-Page}), create (409
 * for a second open one on the same source branch), update by iid. Assignees GitLab cannot assign
 * (unknown, not active, not a member) are dropped silently, as GitLab does.
 */
final class MergeRequestRoutes {

  private final FakeGitLab gitlab;

  MergeRequestRoutes(FakeGitLab gitlab) {
    this.gitlab = gitlab;
  }

  Reply answer(Call call, Route route, FakeProject project) {
    return switch (route) {
      case LIST_MERGE_REQUESTS -> list(call, project);
      case CREATE_MERGE_REQUEST -> create(call, project);
      case UPDATE_MERGE_REQUEST -> update(call, project);
      default -> Reply.message(404, "404 Not Found");
    };
  }

  private Reply list(Call call, FakeProject project) {
    String state = Optional.ofNullable(call.param("state")).orElse("all");
    List<FakeMergeRequest> matching =
        project.mergeRequestList().stream()
            .filter(m -> state.equals("all") || m.state().equals(state))
            .filter(
                m ->
                    call.param("source_branch") == null
                        || m.sourceBranch().equals(call.param("source_branch")))
            .filter(
                m ->
                    call.param("target_branch") == null
                        || m.targetBranch().equals(call.param("target_branch")))
            .toList();
    int perPage = Math.max(1, Math.min(100, number(call.param("per_page"), 20)));
    int page = Math.max(1, number(call.param("page"), 1));
    int from = Math.min(matching.size(), (page - 1) * perPage);
    int to = Math.min(matching.size(), from + perPage);
    List<Object> json = new ArrayList<>();
    matching.subList(from, to).forEach(m -> json.add(json(project, m)));
    boolean more = to < matching.size();
    Reply reply =
        Reply.json(200, json)
            .header("X-Page", Integer.toString(page))
            .header("X-Per-Page", Integer.toString(perPage))
            .header("X-Total", Integer.toString(matching.size()))
            .header("X-Next-Page", more ? Integer.toString(page + 1) : "");
    if (more) {
      StringBuilder next =
          new StringBuilder(
              gitlab.apiUrl()
                  + "/projects/"
                  + project.id()
                  + "/merge_requests?page="
                  + (page + 1)
                  + "&per_page="
                  + perPage);
      for (String key : List.of("state", "source_branch", "target_branch")) {
        if (call.param(key) != null) {
          next.append('&')
              .append(key)
              .append('=')
              .append(
                  java.net.URLEncoder.encode(
                      call.param(key), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      reply = reply.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return reply;
  }

  private Reply create(Call call, FakeProject project) {
    JsonNode body = body(call);
    if (body == null) {
      return Reply.message(400, "400 Bad request - body is not JSON");
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("source_branch", "target_branch", "title")) {
      if (!body.hasNonNull(field) || body.get(field).asText().isBlank()) {
        missing.add(field + " is missing");
      }
    }
    if (!missing.isEmpty()) {
      return Reply.json(400, Map.of("error", String.join(", ", missing)));
    }
    String source = body.get("source_branch").asText();
    String target = body.get("target_branch").asText();
    if (project.head(source).isEmpty()) {
      return Reply.message(400, List.of("Source branch \"" + source + "\" does not exist"));
    }
    Optional<FakeMergeRequest> open =
        project.mergeRequestList().stream()
            .filter(
                m ->
                    m.state().equals("opened")
                        && m.sourceBranch().equals(source)
                        && m.targetBranch().equals(target))
            .findFirst();
    if (open.isPresent()) {
      return Reply.message(
          409,
          List.of(
              "Another open merge request already exists for this"
                  + " source branch: !"
                  + open.get().iid()));
    }
    long iid = project.mergeRequestList().size() + 1L;
    FakeMergeRequest mr =
        new FakeMergeRequest(
            gitlab.nextMergeRequestId(),
            iid,
            source,
            target,
            body.get("title").asText(),
            body.path("description").asText(""),
            "opened",
            assignees(body, project).orElse(List.of()),
            body.path("remove_source_branch").asBoolean(false));
    project.mergeRequestList().add(mr);
    return Reply.json(201, json(project, mr));
  }

  private Reply update(Call call, FakeProject project) {
    String iid = call.segments().get(3);
    Optional<FakeMergeRequest> found =
        iid.matches("[0-9]+") ? project.mergeRequest(Long.parseLong(iid)) : Optional.empty();
    if (found.isEmpty()) {
      return Reply.message(404, "404 Not found");
    }
    JsonNode body = body(call);
    if (body == null) {
      return Reply.message(400, "400 Bad request - body is not JSON");
    }
    FakeMergeRequest mr = found.get();
    FakeMergeRequest updated =
        mr.with(
            body.hasNonNull("title") ? body.get("title").asText() : mr.title(),
            body.hasNonNull("description") ? body.get("description").asText() : mr.description(),
            assignees(body, project).orElse(mr.assigneeIds()),
            body.has("remove_source_branch")
                ? body.get("remove_source_branch").asBoolean()
                : mr.removeSourceBranch(),
            mr.state());
    project.replace(updated);
    return Reply.json(200, json(project, updated));
  }

  /** The assignees the request asks for that GitLab would keep; empty when it asks nothing. */
  private Optional<List<Long>> assignees(JsonNode body, FakeProject project) {
    List<Long> asked = new ArrayList<>();
    if (body.has("assignee_ids")) {
      body.get("assignee_ids").forEach(id -> asked.add(id.asLong()));
    } else if (body.has("assignee_id")) {
      asked.add(body.get("assignee_id").asLong());
    } else {
      return Optional.empty();
    }
    return Optional.of(
        asked.stream()
            .filter(id -> gitlab.userById(id).filter(u -> u.state().equals("active")).isPresent())
            .filter(project::isMember)
            .toList());
  }

  private Map<String, Object> json(FakeProject project, FakeMergeRequest mr) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", mr.id());
    json.put("iid", mr.iid());
    json.put("project_id", project.id());
    json.put("title", mr.title());
    json.put("description", mr.description());
    json.put("state", mr.state());
    json.put("source_branch", mr.sourceBranch());
    json.put("target_branch", mr.targetBranch());
    List<Object> assignees = new ArrayList<>();
    mr.assigneeIds()
        .forEach(id -> gitlab.userById(id).ifPresent(u -> assignees.add(ProjectRoutes.user(u))));
    json.put("assignees", assignees);
    json.put("assignee", assignees.isEmpty() ? null : assignees.get(0));
    json.put("force_remove_source_branch", mr.removeSourceBranch());
    json.put("sha", project.head(mr.sourceBranch()).orElse(null));
    json.put("web_url", gitlab.baseUrl() + "/" + project.path() + "/-/merge_requests/" + mr.iid());
    return json;
  }

  private static JsonNode body(Call call) {
    try {
      return Reply.JSON.readTree(call.body().isBlank() ? "{}" : call.body());
    } catch (IOException e) {
      return null;
    }
  }

  private static int number(String value, int fallback) {
    return value != null && value.matches("[0-9]{1,6}") ? Integer.parseInt(value) : fallback;
  }
}
