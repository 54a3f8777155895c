package io.stow.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the daemon answers: every response is uncached, typed and sniff-proof. */
final class Responses {

  static final String JSON = "application/json";
  static final String SVG = "image/svg+xml";
  static final String HTML = "text/html; charset=utf-8";

  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Responses() {}

  static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
    exchange.setStatusCode(status);
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.CONTENT_TYPE, contentType);
    headers.put(Headers.CACHE_CONTROL, "no-store");
    headers.put(NOSNIFF, "nosniff");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  static void json(HttpServerExchange exchange, int status, byte[] body) {
    send(exchange, status, JSON, body);
  }

  /** A small JSON object, fields in the order given (values: strings, booleans, numbers, null). */
  static void json(HttpServerExchange exchange, int status, Object... fields) {
    json(exchange, status, object(fields));
  }

  /** {@code {"error": ..., "reason": ...}}. */
  static void error(HttpServerExchange exchange, int status, String error, String reason) {
    json(exchange, status, "error", error, "reason", reason);
  }

  static byte[] object(Object... fields) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      map.put((String) fields[i], fields[i + 1]);
    }
    try {
      return MAPPER.writeValueAsBytes(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a response", e);
    }
  }
}
