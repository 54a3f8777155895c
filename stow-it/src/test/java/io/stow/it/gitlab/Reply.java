package io.stow.it.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the fake: status, headers, and a body written when the exchange is sent. */
record Reply(int status, Map<String, String> headers, Body body) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Writes a response body. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  static Reply json(int status, Object value) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(value);
      return new Reply(status, Map.of("Content-Type", "application/json"), out -> out.write(bytes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GitLab's error shape: {@code {"message": ...}}. */
  static Reply message(int status, Object message) {
    return json(status, Map.of("message", message));
  }

  static Reply bytes(int status, String contentType, byte[] bytes) {
    return new Reply(status, Map.of("Content-Type", contentType), out -> out.write(bytes));
  }

  static Reply text(int status, String text) {
    return bytes(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  Reply header(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body);
  }
}
