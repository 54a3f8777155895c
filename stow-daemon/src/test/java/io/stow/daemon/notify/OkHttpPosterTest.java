package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OkHttp poster against a real HTTP server on loopback. */
class OkHttpPosterTest {

  record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpServer server;
  private final OkHttpPoster poster =
      new OkHttpPoster(Duration.ofSeconds(2), Duration.ofMillis(500), "stow-test");

  OkHttpPosterTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", e -> answer(e, 201, Map.of(), "created"));
    server.createContext(
        "/busy", e -> answer(e, 429, Map.of("Retry-After", "12"), "{\"retry_after\": 12}"));
    server.createContext("/moved", e -> answer(e, 301, Map.of("Location", base() + "/ok"), ""));
    server.createContext(
        "/hang",
        e -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
          answer(e, 200, Map.of(), "");
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    poster.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange e, int status, Map<String, String> headers, String body)
      throws IOException {
    seen.add(
        new Seen(
            e.getRequestMethod(),
            e.getRequestURI().toString(),
            Map.copyOf(e.getRequestHeaders()),
            new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    headers.forEach((k, v) -> e.getResponseHeaders().add(k, v));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      e.getResponseBody().write(bytes);
    }
    e.close();
  }

  private static Payload payload(String url) {
    return new Payload(
        url,
        "application/json; charset=utf-8",
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        Map.of("X-Gotify-Key", "key-SENTINEL"));
  }

  @Test
  void post_sendsBodyAndHeaders_andTurnsUrlCredentialsIntoBasicAuth() throws Exception {
    String url = base().replace("http://", "http://bob:p%40ss@") + "/ok?x=1";

    HttpPoster.Answer answer = poster.post(payload(url));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body()).isEqualTo("created");
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/ok?x=1");
    assertThat(request.body()).isEqualTo("{\"a\":1}");
    assertThat(request.headers().get("Authorization"))
        .containsExactly(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("bob:p@ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.headers().get("X-gotify-key")).containsExactly("key-SENTINEL");
    assertThat(request.headers().get("Content-type").get(0)).startsWith("application/json");
    assertThat(request.headers().get("User-agent")).containsExactly("stow-test");
  }

  @Test
  void post_reportsRetryAfter_andDoesNotFollowRedirects() throws Exception {
    HttpPoster.Answer busy = poster.post(payload(base() + "/busy"));
    HttpPoster.Answer moved = poster.post(payload(base() + "/moved"));

    assertThat(busy.status()).isEqualTo(429);
    assertThat(busy.retryAfter()).contains("12");
    assertThat(moved.status()).isEqualTo(301);
    assertThat(seen).extracting(Seen::path).containsExactly("/busy", "/moved");
  }

  @Test
  void post_givesUpAtTheRequestTimeout() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> poster.post(payload(base() + "/hang")))
        .isInstanceOf(InterruptedIOException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
