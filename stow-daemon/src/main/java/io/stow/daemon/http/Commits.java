package io.stow.daemon.http;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads commit hashes from requests: 40 (SHA-1) or 64 (SHA-256) hex characters. */
final class Commits {

  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

  private Commits() {}

  /**
   * The query parameter {@code name} as a lower-case commit hash; empty when it is absent.
   *
   * @throws BadRequest when it is given twice or is not 40 or 64 hex characters
   */
  static Optional<String> query(HttpServerExchange exchange, String name) throws BadRequest {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw BadRequest.invalid(name + " is given " + values.size() + " times; give it once");
    }
    return Optional.of(parse(name, values.getFirst()));
  }

  /** The query parameter {@code name}, which must be there. */
  static String required(HttpServerExchange exchange, String name) throws BadRequest {
    return query(exchange, name)
        .orElseThrow(
            () ->
                BadRequest.invalid(
                    "missing " + name + "; give the commit, e.g. ?" + name + "=<40 hex>"));
  }

  /**
   * {@code value} as a lower-case commit hash.
   *
   * @throws BadRequest when it is not 40 or 64 hex characters (the value is not quoted back)
   */
  static String parse(String name, String value) throws BadRequest {
    if (value == null || !SHA.matcher(value).matches()) {
      int length = value == null ? 0 : value.length();
      throw BadRequest.invalid(
          name
              + " must be a commit hash: 40 or 64 hex characters (got "
              + length
              + " characters"
              + (length == 40 || length == 64 ? " that are not all hex" : "")
              + ")");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
