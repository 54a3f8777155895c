package io.stow.it.gitlab;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Routes a request, applies injected faults and access rules, records it and sends the answer. */
final class FakeGitLabHandler implements HttpHandler {

  private static final Set<String> SECRET_HEADERS =
      Set.of("private-token", "job-token", "authorization");

  /** A parsed request handed to the routes. */
  record Call(
      String method,
      List<String> segments,
      Map<String, List<String>> query,
      String body,
      FakeGitLab.FakeToken token) {
    String param(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final FakeGitLab gitlab;
  private final ProjectRoutes projects;
  private final MergeRequestRoutes mergeRequests;
  private final CommitStatusRoutes commitStatuses;

  FakeGitLabHandler(FakeGitLab gitlab) {
    this.gitlab = gitlab;
    this.projects = new ProjectRoutes(gitlab);
    this.mergeRequests = new MergeRequestRoutes(gitlab);
    this.commitStatuses = new CommitStatusRoutes(gitlab);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    String method = exchange.getRequestMethod().toString();
    String rawPath = exchange.getRequestURI();
    String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> query = new LinkedHashMap<>();
    exchange.getQueryParameters().forEach((k, v) -> query.put(k, List.copyOf(v)));
    List<String> segments = segments(rawPath);
    Route route = route(method, segments);
    Reply reply = answer(exchange, method, segments, query, body, route);
    gitlab.record(
        new RecordedRequest(
            method,
            rawPath + query(exchange),
            query,
            headers(exchange),
            body,
            route,
            reply.status()));
    exchange.setStatusCode(reply.status());
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().put(new HttpString(k), v));
    try (OutputStream out = exchange.getOutputStream()) {
      reply.body().write(out);
    }
  }

  private Reply answer(
      HttpServerExchange exchange,
      String method,
      List<String> segments,
      Map<String, List<String>> query,
      String body,
      Route route)
      throws InterruptedException {
    Optional<Fault> fault = gitlab.takeFault(route);
    if (fault.isPresent()) {
      Thread.sleep(fault.get().delay().toMillis());
      if (fault.get().status() != 0) {
        Reply reply =
            Reply.bytes(
                fault.get().status(),
                "application/json",
                fault.get().body().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : fault.get().headers().entrySet()) {
          reply = reply.header(h.getKey(), h.getValue());
        }
        return reply;
      }
    }
    String secret =
        first(exchange, "PRIVATE-TOKEN")
            .or(() -> first(exchange, "JOB-TOKEN"))
            .or(
                () ->
                    first(exchange, "Authorization")
                        .filter(a -> a.startsWith("Bearer "))
                        .map(a -> a.substring(7)))
            .orElse(null);
    Optional<FakeGitLab.FakeToken> token = secret == null ? Optional.empty() : gitlab.token(secret);
    if (token.isEmpty()) {
      return Reply.message(401, "401 Unauthorized");
    }
    Call call = new Call(method, segments, query, body, token.get());
    return switch (route) {
      case USERS, USER -> projects.users(call, route);
      case LIST_MERGE_REQUESTS, CREATE_MERGE_REQUEST, UPDATE_MERGE_REQUEST ->
          projects.withProject(call, p -> mergeRequests.answer(call, route, p));
      case SET_COMMIT_STATUS -> projects.withProject(call, p -> commitStatuses.set(call, p));
      case UNKNOWN -> Reply.message(404, "404 Not Found");
      default -> projects.withProject(call, p -> projects.answer(call, route, p));
    };
  }

  static Route route(String method, List<String> s) {
    boolean get = method.equals("GET");
    if (s.size() >= 1 && s.get(0).equals("users")) {
      return get && s.size() == 1 ? Route.USERS : get && s.size() == 2 ? Route.USER : Route.UNKNOWN;
    }
    if (s.size() < 2 || !s.get(0).equals("projects")) {
      return Route.UNKNOWN;
    }
    List<String> rest = s.subList(2, s.size());
    String shape =
        String.join(
            "/",
            rest.size() > 2 && rest.get(1).equals("files")
                ? List.of(rest.get(0), "files", rest.size() == 4 ? rest.get(3) : "")
                : rest.size() == 3
                        && (rest.get(1).equals("branches") || rest.get(1).equals("commits"))
                    ? List.of(rest.get(0), rest.get(1), "*")
                    : rest.size() == 2
                            && (rest.get(0).equals("merge_requests")
                                || rest.get(0).equals("statuses"))
                        ? List.of(rest.get(0), "*")
                        : rest);
    return switch (method + " " + shape) {
      case "GET " -> Route.PROJECT;
      case "GET repository/branches/*" -> Route.BRANCH;
      case "GET repository/commits/*" -> Route.COMMIT;
      case "POST repository/commits" -> Route.CREATE_COMMIT;
      case "GET repository/archive.tar.gz", "GET repository/archive" -> Route.ARCHIVE;
      case "GET repository/files/" -> Route.FILE;
      case "GET repository/files/raw" -> Route.RAW_FILE;
      case "GET merge_requests" -> Route.LIST_MERGE_REQUESTS;
      case "POST merge_requests" -> Route.CREATE_MERGE_REQUEST;
      case "PUT merge_requests/*" -> Route.UPDATE_MERGE_REQUEST;
      case "POST statuses/*" -> Route.SET_COMMIT_STATUS;
      default -> Route.UNKNOWN;
    };
  }

  /** The decoded path segments after {@code /api/v4}; {@code %2F} stays inside its segment. */
  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    String[] parts = rawPath.split("/", -1);
    int start = 0;
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("api") && parts[i + 1].equals("v4")) {
        start = i + 2;
        break;
      }
    }
    for (int i = start; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        segments.add(URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static String query(HttpServerExchange exchange) {
    String q = exchange.getQueryString();
    return q == null || q.isEmpty() ? "" : "?" + q;
  }

  private static Optional<String> first(HttpServerExchange exchange, String header) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(header));
  }

  private static Map<String, String> headers(HttpServerExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      String name = values.getHeaderName().toString();
      headers.put(
          name,
          SECRET_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))
              ? "<redacted>"
              : String.join(", ", values));
    }
    return headers;
  }
}
