package io.stow.it.gitlab;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request the fake GitLab received: method, raw path (still percent-encoded, as sent), decoded
 * query, headers (token headers replaced by {@code <redacted>}), body as text, the route it matched
 * and the status it got.
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    Route route,
    int status) {

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(route, "route");
  }

  /** Whether the request could change anything (any method but GET and HEAD). */
  public boolean write() {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /** The first value of a query parameter, or null. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
