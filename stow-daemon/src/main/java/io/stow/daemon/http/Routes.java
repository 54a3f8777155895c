package io.stow.daemon.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Dispatches on the exact path and method: an unknown path gets 404 and a known path with another
 * method 405 (with {@code Allow}), each with a JSON reason. {@code HEAD} is allowed wherever {@code
 * GET} is.
 */
final class Routes implements HttpHandler {

  private record Route(Set<HttpString> methods, String allow, HttpHandler handler) {}

  private final Map<String, Route> routes = new LinkedHashMap<>();

  Routes get(String path, HttpHandler handler) {
    routes.put(path, new Route(Set.of(Methods.GET, Methods.HEAD), "GET, HEAD", handler));
    return this;
  }

  Routes post(String path, HttpHandler handler) {
    routes.put(path, new Route(Set.of(Methods.POST), "POST", handler));
    return this;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    Route route = routes.get(path);
    if (route == null) {
      Responses.error(
          exchange,
          404,
          "not found",
          "no endpoint "
              + printable(path)
              + "; the endpoints are "
              + String.join(", ", routes.keySet()));
      return;
    }
    if (!route.methods().contains(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, route.allow());
      Responses.error(
          exchange,
          405,
          "method not allowed",
          path
              + " answers "
              + route.allow()
              + ", not "
              + printable(exchange.getRequestMethod().toString()));
      return;
    }
    route.handler().handleRequest(exchange);
  }

  /** At most 100 printable ASCII characters of what the client sent. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
