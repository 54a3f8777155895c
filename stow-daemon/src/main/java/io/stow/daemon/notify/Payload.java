package io.stow.daemon.notify;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP POST to make: where, what and with which headers. Headers and URL may carry the target's
 * secret, so {@link #toString()} shows neither.
 */
public record Payload(String url, String contentType, byte[] body, Map<String, String> headers) {

  public Payload {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "Payload[" + contentType + ", " + body.length + " bytes]";
  }
}
