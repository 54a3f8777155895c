package io.stow.gitlab;

import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A MockWebServer with helpers for GitLab-shaped responses, and a client pointed at it. */
final class GitLabServer implements AutoCloseable {

  static final String TOKEN = "glpat-SENTINEL-token-0123456789";
  static final String PROJECT_JSON =
      "{\"id\":42,\"path_with_namespace\":\"ops/deployments\",\"default_branch\":\"main\","
          + "\"web_url\":\"https://git.example.com/ops/deployments\"}";

  final MockWebServer server = new MockWebServer();
  final FakeTime time = new FakeTime();
  final java.util.List<String> notes = new java.util.ArrayList<>();

  GitLabServer() throws IOException {
    server.start();
  }

  GitLabClientBuilder builder() {
    return GitLabClient.builder()
        .baseUrl(server.url("/").toString())
        .token(GitLabToken.accessToken(TOKEN))
        .project("ops/deployments")
        .clock(time)
        .sleeper(time)
        .jitter(() -> 0.5)
        .retryNotes(notes::add)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  GitLabClient client() {
    return builder().build();
  }

  void json(int status, String body) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", "application/json")
            .setBody(body));
  }

  void project() {
    json(200, PROJECT_JSON);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived");
    }
    return request;
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
