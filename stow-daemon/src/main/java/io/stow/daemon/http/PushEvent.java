package io.stow.daemon.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a push webhook the daemon reads, from GitLab, GitHub, Gitea or Forgejo: the event
 * kind ({@code push}, GitHub's {@code ping}, ...), {@code ref} (e.g. {@code refs/heads/main}),
 * {@code after} (the new head; all zeros when the branch was deleted) and GitHub's {@code deleted}.
 * The body is JSON, or a form whose {@code payload} field is the JSON (GitHub's and Gitea's other
 * content type).
 */
record PushEvent(WebhookSender sender, String kind, String ref, String after, boolean deleted) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BRANCH_PREFIX = "refs/heads/";
  private static final String FORM = "application/x-www-form-urlencoded";

  PushEvent {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(after, "after");
  }

  /**
   * Reads a webhook: the event from the sender's header (GitLab: from the body's {@code
   * object_kind}); the body is parsed only for a push.
   *
   * @throws BadRequest when a push's body is not a JSON object (or a form holding one)
   */
  static PushEvent read(HeaderMap headers, byte[] body) throws BadRequest {
    WebhookSender sender = WebhookSender.of(headers);
    Optional<String> event = sender.event(headers);
    if (event.isPresent() && !event.get().equals("push")) {
      return new PushEvent(sender, event.get(), "", "", false);
    }
    JsonNode root = json(headers.getFirst(Headers.CONTENT_TYPE), body);
    return new PushEvent(
        sender,
        event.orElseGet(() -> root.path("object_kind").asText("")),
        root.path("ref").asText(""),
        root.path("after").asText(""),
        root.path("deleted").asBoolean(false));
  }

  boolean isPush() {
    return kind.equals("push");
  }

  /** GitHub's test delivery when a webhook is made (or redelivered by hand). */
  boolean isPing() {
    return sender == WebhookSender.GITHUB && kind.equals("ping");
  }

  /** Whether it moved {@code refs/heads/<branch>}. */
  boolean isBranch(String branch) {
    return ref.equals(BRANCH_PREFIX + branch);
  }

  /** Whether the push deleted the branch ({@code deleted}, or {@code after} is all zeros). */
  boolean deletesBranch() {
    return deleted || (!after.isEmpty() && after.chars().allMatch(c -> c == '0'));
  }

  private static JsonNode json(String contentType, byte[] body) throws BadRequest {
    byte[] json = body;
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      json =
          formField(new String(body, StandardCharsets.UTF_8), "payload")
              .orElseThrow(
                  () ->
                      BadRequest.invalid(
                          "the form has no payload field; send the push event as JSON or as"
                              + " payload=<JSON>"))
              .getBytes(StandardCharsets.UTF_8);
    }
    JsonNode root = oneDocument(json);
    if (root == null || !root.isObject()) {
      throw BadRequest.invalid(
          "the body is not a JSON object; send a push event, or no body with ?head_hash=<sha>");
    }
    return root;
  }

  /**
   * The one JSON document {@code json} holds (null when it is empty). Anything but whitespace after
   * it is refused: a body is one document, and a reader that stops at the first would act on a
   * prefix of what was sent. The reason gives the position, never the bytes.
   */
  private static JsonNode oneDocument(byte[] json) throws BadRequest {
    try (JsonParser parser = MAPPER.createParser(json)) {
      JsonNode root = MAPPER.readTree(parser);
      JsonLocation after;
      try {
        if (parser.nextToken() == null) {
          return root;
        }
        after = parser.currentTokenLocation();
      } catch (JacksonException e) {
        after = e.getLocation();
      }
      throw BadRequest.invalid(
          "the body goes on after its JSON document"
              + (after == null
                  ? ""
                  : " (line " + after.getLineNr() + ", column " + after.getColumnNr() + ")")
              + "; send the push event alone, one JSON document");
    } catch (JacksonException e) {
      throw BadRequest.invalid(
          "the body is not JSON; send a push event (GitLab, GitHub, Gitea or Forgejo), or no body"
              + " with ?head_hash=<sha>");
    } catch (IOException e) {
      throw BadRequest.invalid("the body cannot be read");
    }
  }

  /** The first value of {@code name} in an {@code application/x-www-form-urlencoded} body. */
  private static Optional<String> formField(String form, String name) throws BadRequest {
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.equals(name)) {
        try {
          return Optional.of(
              URLDecoder.decode(
                  equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw BadRequest.invalid("the form's payload field is not URL-encoded");
        }
      }
    }
    return Optional.empty();
  }
}
