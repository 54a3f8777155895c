package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on {@code 127.0.0.1:0} (the JDK's HTTP server): it records every request
 * (method, path, headers, body) and answers with the statuses it was scripted with, then 200. A
 * {@link #hang() hanging} receiver reads the request and never answers until it is closed.
 */
public final class NotificationReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived. */
  public record Request(
      String method, String path, Map<String, String> headers, String body, Instant at) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(at, "at");
    }

    /** The header {@code name} (case-insensitive), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private boolean hanging;
  private int open;

  private NotificationReceiver(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** A receiver answering 200 to everything (see {@link #answer}, {@link #hang}). */
  public static NotificationReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService threads = Executors.newCachedThreadPool();
      NotificationReceiver receiver = new NotificationReceiver(server, threads);
      server.createContext("/", receiver::handle);
      server.setExecutor(threads);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next requests get these statuses, in order; the ones after them get 200. */
  public synchronized NotificationReceiver answer(int... statuses) {
    for (int status : statuses) {
      script.add(status);
    }
    return this;
  }

  /** From now on, requests are read and never answered (until {@link #close}). */
  public synchronized NotificationReceiver hang() {
    hanging = true;
    return this;
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every request so far. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests are being held without an answer now. */
  public synchronized int open() {
    return open;
  }

  /** Waits until {@code enough} holds for the requests, or fails with what arrived. */
  public List<Request> await(String what, Duration timeout, Predicate<List<Request>> enough) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!enough.test(requests)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("%s: not within %s; requests: %s", what, timeout, requests);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted waiting for " + what);
        }
      }
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      int status;
      boolean hang;
      synchronized (this) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                headers,
                new String(body, StandardCharsets.UTF_8),
                Instant.now()));
        hang = hanging;
        status = script.isEmpty() ? 200 : script.poll();
        if (hang) {
          open++;
        }
        notifyAll();
      }
      if (hang) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        synchronized (this) {
          open--;
        }
        return;
      }
      byte[] answer =
          (status == 200 ? "{}" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
