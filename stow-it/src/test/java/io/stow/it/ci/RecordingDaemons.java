package io.stow.it.ci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stand-ins for several stow daemons on one loopback port, told apart by the first path segment of
 * their base URL ({@code http://127.0.0.1:P/<daemon>}): each answers {@code POST .../trigger} with
 * 202 unless told to fail, {@code GET .../status} with {@code running}, and every request is
 * recorded.
 */
public final class RecordingDaemons implements AutoCloseable {

  /** One request a daemon received. */
  public record Request(
      String daemon, String method, String path, String query, Optional<String> authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Integer> failuresLeft = new HashMap<>();
  private final Map<String, Integer> failureStatus = new HashMap<>();

  public RecordingDaemons() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL of the daemon called {@code name}. */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** The daemon answers its next {@code times} triggers with {@code status} (-1: forever). */
  public synchronized void fail(String name, int status, int times) {
    failureStatus.put(name, status);
    failuresLeft.put(name, times);
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/", 3);
    String daemon = parts.length > 1 ? parts[1] : "";
    String rest = parts.length > 2 ? "/" + parts[2] : "/";
    int status;
    String body;
    synchronized (this) {
      requests.add(
          new Request(
              daemon,
              exchange.getRequestMethod(),
              rest,
              exchange.getRequestURI().getRawQuery(),
              Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
      int left = failuresLeft.getOrDefault(daemon, 0);
      if (rest.equals("/trigger") && left != 0) {
        failuresLeft.put(daemon, left - 1);
        status = failureStatus.get(daemon);
        body = "{\"error\":\"scripted failure " + status + "\"}";
      } else if (rest.equals("/trigger")) {
        status = 202;
        body = "{\"phase\":\"starting\"}";
      } else if (rest.equals("/status")) {
        status = 200;
        body = "{\"state\":\"running\",\"status_label\":\"at-requested-head\"}";
      } else {
        status = 404;
        body = "{\"error\":\"not found\"}";
      }
    }
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
