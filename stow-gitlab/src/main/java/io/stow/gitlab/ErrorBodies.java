package io.stow.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GitLab's error message from a response body. GitLab answers {@code {"message": "..."}}, {@code
 * {"message": {"field": ["..."]}}}, {@code {"message": ["..."]}} or OAuth's {@code {"error": "...",
 * "error_description": "..."}}; anything else is summarised by its first line.
 */
final class ErrorBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_TEXT = 300;

  private ErrorBodies() {}

  static String message(String body, String reasonPhrase) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode json = MAPPER.readTree(text);
        String parsed = fromJson(json);
        if (!parsed.isEmpty()) {
          return clip(parsed);
        }
      } catch (IOException e) {
        // not JSON after all: fall through to the first line
      }
    }
    if (text.isEmpty() || text.startsWith("<")) {
      return reasonPhrase == null ? "" : reasonPhrase;
    }
    return clip(text.lines().findFirst().orElse(""));
  }

  private static String fromJson(JsonNode json) {
    JsonNode message = json.get("message");
    if (message != null && !message.isNull()) {
      return flatten(message);
    }
    JsonNode error = json.get("error");
    JsonNode description = json.get("error_description");
    List<String> parts = new ArrayList<>();
    if (error != null && !error.isNull()) {
      parts.add(flatten(error));
    }
    if (description != null && !description.isNull()) {
      parts.add(flatten(description));
    }
    return String.join(": ", parts);
  }

  private static String flatten(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(flatten(item)));
      return String.join(", ", items);
    }
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.add(field.getKey() + " " + flatten(field.getValue()));
      }
      return String.join("; ", fields);
    }
    return node.asText();
  }

  private static String clip(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
  }
}
