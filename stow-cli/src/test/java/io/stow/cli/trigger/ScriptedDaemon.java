package io.stow.cli.trigger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for a stow daemon on 127.0.0.1 (an ephemeral port), HTTPS with a {@link TestCa} or
 * plain HTTP: each path answers from its script, one reply per request, the last one repeating; it
 * records every request. The real daemon is tested against the real client in stow-it.
 */
public final class ScriptedDaemon implements AutoCloseable {

  /** One scripted answer. */
  public record Reply(int status, String body, Map<String, String> headers) {

    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of());
    }

    /** A status document with {@code state} and the given extra fields (already JSON). */
    public static Reply state(String state, String extraFields) {
      return json(
          200,
          "{\"state\":\""
              + state
              + "\",\"status_label\":\""
              + state
              + "-label\""
              + (extraFields.isEmpty() ? "" : "," + extraFields)
              + "}");
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> all = new HashMap<>(headers);
      all.put(name, value);
      return new Reply(status, body, all);
    }
  }

  /** What the daemon was asked. */
  public record Request(String method, String path, String query, Optional<String> authorization) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> scripts = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();

  private ScriptedDaemon(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  /** An HTTPS daemon presenting {@code ca}'s server certificate. */
  public static ScriptedDaemon https(TestCa ca) {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
      return new ScriptedDaemon(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain HTTP daemon, as behind a TLS proxy on loopback. */
  public static ScriptedDaemon http() {
    try {
      return new ScriptedDaemon(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers requests to {@code path} (e.g. {@code /status}) with these replies, in order. */
  public synchronized ScriptedDaemon script(String path, Reply... replies) {
    scripts.put(path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  public String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    synchronized (this) {
      String path = exchange.getRequestURI().getPath();
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              path,
              exchange.getRequestURI().getRawQuery(),
              Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
      Deque<Reply> script = scripts.get(path);
      if (script == null || script.isEmpty()) {
        reply = Reply.json(404, "{\"error\":\"not found\"}");
      } else {
        reply = script.size() > 1 ? script.poll() : script.peek();
      }
    }
    exchange.getRequestBody().readAllBytes();
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
