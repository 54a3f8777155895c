package io.stow.daemon.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The parts of a GitLab push-event webhook body the daemon reads: {@code object_kind}, {@code ref}
 * (e.g. {@code refs/heads/main}) and {@code after} (the new head; all zeros when the branch was
 * deleted).
 */
record PushEvent(String objectKind, String ref, String after) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BRANCH_PREFIX = "refs/heads/";

  PushEvent {
    Objects.requireNonNull(objectKind, "objectKind");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(after, "after");
  }

  /**
   * Parses a webhook body.
   *
   * @throws BadRequest when it is not a JSON object
   */
  static PushEvent parse(byte[] body) throws BadRequest {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw BadRequest.invalid(
          "the body is not JSON; send a GitLab push event, or no body with ?head_hash=<sha>");
    } catch (java.io.IOException e) {
      throw BadRequest.invalid("the body cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw BadRequest.invalid(
          "the body is not a JSON object; send a GitLab push event, or ?head_hash=<sha>");
    }
    return new PushEvent(
        root.path("object_kind").asText(""),
        root.path("ref").asText(""),
        root.path("after").asText(""));
  }

  boolean isPush() {
    return objectKind.equals("push");
  }

  /** Whether it moved {@code refs/heads/<branch>}. */
  boolean isBranch(String branch) {
    return ref.equals(BRANCH_PREFIX + branch);
  }

  /** Whether the push deleted the branch ({@code after} is all zeros). */
  boolean deletesBranch() {
    return !after.isEmpty() && after.chars().allMatch(c -> c == '0');
  }
}
