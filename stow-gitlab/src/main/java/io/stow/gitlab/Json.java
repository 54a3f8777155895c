package io.stow.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Maps GitLab's JSON to and from the public records. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private Json() {}

  static JsonNode read(Response response) throws IOException {
    return MAPPER.readTree(response.body().byteStream());
  }

  static RequestBody body(ObjectNode json) {
    try {
      return RequestBody.create(MAPPER.writeValueAsBytes(json), JSON);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }

  static Project project(JsonNode json) {
    return new Project(
        number(json, "id"),
        text(json, "path_with_namespace"),
        text(json, "default_branch"),
        json.path("web_url").asText(""));
  }

  static Branch branch(JsonNode json) {
    return new Branch(text(json, "name"), commit(required(json, "commit")));
  }

  static Commit commit(JsonNode json) {
    List<String> parents = new ArrayList<>();
    json.path("parent_ids").forEach(p -> parents.add(p.asText()));
    return new Commit(text(json, "id"), parents, json.path("title").asText(""));
  }

  static RepositoryFile file(JsonNode json) {
    String encoding = json.path("encoding").asText("base64");
    if (!encoding.equals("base64")) {
      throw new UnexpectedResponse("file content encoding '" + encoding + "' is not base64");
    }
    byte[] content;
    try {
      content = Base64.getMimeDecoder().decode(text(json, "content"));
    } catch (IllegalArgumentException e) {
      throw new UnexpectedResponse("file content is not valid base64");
    }
    return new RepositoryFile(
        text(json, "file_path"),
        text(json, "ref"),
        text(json, "blob_id"),
        text(json, "last_commit_id"),
        content);
  }

  static MergeRequest mergeRequest(JsonNode json) {
    List<Long> assignees = new ArrayList<>();
    json.path("assignees").forEach(a -> assignees.add(a.path("id").asLong()));
    if (assignees.isEmpty() && json.path("assignee").has("id")) {
      assignees.add(json.path("assignee").path("id").asLong());
    }
    return new MergeRequest(
        number(json, "id"),
        number(json, "iid"),
        text(json, "web_url"),
        text(json, "state"),
        text(json, "source_branch"),
        text(json, "target_branch"),
        text(json, "title"),
        json.path("description").asText(""),
        assignees,
        json.path("force_remove_source_branch").asBoolean(false));
  }

  static User user(JsonNode json) {
    return new User(number(json, "id"), text(json, "username"), json.path("state").asText(""));
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new UnexpectedResponse("the response has no '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode json, String field) {
    return required(json, field).asText();
  }

  private static long number(JsonNode json, String field) {
    JsonNode value = required(json, field);
    if (!value.canConvertToLong()) {
      throw new UnexpectedResponse("'" + field + "' is not a number");
    }
    return value.asLong();
  }

  /** A response GitLab would not send: a field missing or of the wrong type. */
  static final class UnexpectedResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnexpectedResponse(String message) {
      super(message);
    }
  }
}
