package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** Talks to a daemon over HTTP(S), as CI, GitLab and scripts do. */
public final class DaemonClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BADGE_WORD = Pattern.compile("aria-label=\"stow: ([a-z]+)\"");

  private final String baseUrl;
  private final HttpClient http;

  public DaemonClient(String baseUrl, Optional<SSLContext> tls) {
    this.baseUrl = baseUrl;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    tls.ifPresent(builder::sslContext);
    this.http = builder.build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  public HttpClient http() {
    return http;
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request to " + baseUrl + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery));
  }

  /** {@code POST /trigger?head_hash=}, with a bearer token when given. */
  public HttpResponse<String> trigger(String head, Optional<String> token) {
    HttpRequest.Builder request =
        request("/trigger?head_hash=" + head).POST(HttpRequest.BodyPublishers.noBody());
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return send(request);
  }

  public HttpResponse<String> trigger(String head) {
    return trigger(head, Optional.empty());
  }

  /** {@code GET /status[?head_hash=]} as JSON. */
  public JsonNode status(Optional<String> head) {
    HttpResponse<String> response = get(head.map(h -> "/status?head_hash=" + h).orElse("/status"));
    if (response.statusCode() != 200) {
      fail("GET /status answered %s: %s", response.statusCode(), response.body());
    }
    return json(response);
  }

  public JsonNode status(String head) {
    return status(Optional.of(head));
  }

  /** The word of {@code GET /gitlab.svg?git_hash=}. */
  public String badge(String commit) {
    HttpResponse<String> response = get("/gitlab.svg?git_hash=" + commit);
    if (response.statusCode() != 200) {
      fail("GET /gitlab.svg answered %s: %s", response.statusCode(), response.body());
    }
    Matcher word = BADGE_WORD.matcher(response.body());
    if (!word.find()) {
      fail("not a stow badge: %s", response.body());
    }
    return word.group(1);
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** Waits until {@code /healthz} answers 200. */
  public void awaitReady(Duration timeout) {
    await("ready", timeout, () -> get("/healthz").statusCode() == 200);
  }

  /** Waits until the daemon is ready, idle, and nothing is queued. */
  public JsonNode awaitIdle(Duration timeout) {
    JsonNode[] last = new JsonNode[1];
    await(
        "idle",
        timeout,
        () -> {
          last[0] = status(Optional.empty());
          return last[0].path("ready").asBoolean() && last[0].path("phase").asText().equals("idle");
        });
    return last[0];
  }

  /** Waits until the daemon is idle and its status (without a head) satisfies {@code condition}. */
  public JsonNode awaitIdle(String description, Duration timeout, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await(
        "idle and " + description,
        timeout,
        () -> {
          last[0] = status(Optional.empty());
          return last[0].path("ready").asBoolean()
              && last[0].path("phase").asText().equals("idle")
              && !last[0].path("queued").asBoolean()
              && condition.test(last[0]);
        });
    return last[0];
  }

  /** Waits until the status of {@code head} satisfies {@code condition}; returns it. */
  public JsonNode awaitStatus(
      String head, String description, Duration timeout, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = status(head);
      if (condition.test(last)) {
        return last;
      }
      TestDocker.sleep(Duration.ofMillis(100));
    }
    return fail(
        "the status of %s did not become %s within %s; last: %s", head, description, timeout, last);
  }

  private static void await(
      String what, Duration timeout, java.util.function.BooleanSupplier done) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (done.getAsBoolean()) {
        return;
      }
      TestDocker.sleep(Duration.ofMillis(100));
    }
    fail("the daemon did not become %s within %s", what, timeout);
  }
}
