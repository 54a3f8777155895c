package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.model.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Renders with a format and reads the body back as JSON. */
final class Bodies {

  private Bodies() {}

  static Payload render(PayloadFormat format, Notification n, String url, Optional<String> token) {
    return format.render(n, new PayloadFormat.Endpoint(Secret.of(url), token.map(Secret::of)));
  }

  static JsonNode json(Payload payload) {
    try {
      return JsonBodies.MAPPER.readTree(payload.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
