package io.stow.daemon.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** JSON request bodies and the headers every format shares. */
final class JsonBodies {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String JSON = "application/json; charset=utf-8";

  private JsonBodies() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(ObjectNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification", e);
    }
  }

  /** {@code Authorization: Bearer <token>} when the target has a token. */
  static Map<String, String> bearer(PayloadFormat.Endpoint endpoint) {
    Map<String, String> headers = new LinkedHashMap<>();
    endpoint.token().ifPresent(t -> headers.put("Authorization", "Bearer " + t.reveal()));
    return headers;
  }

  /** Puts {@code value} or JSON null. */
  static void put(ObjectNode json, String key, Optional<String> value) {
    if (value.isPresent()) {
      json.put(key, value.get());
    } else {
      json.putNull(key);
    }
  }
}
