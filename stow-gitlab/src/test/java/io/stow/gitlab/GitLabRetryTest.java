package io.stow.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabRetryTest {

  private final GitLabServer gitlab;

  GitLabRetryTest() throws Exception {
    gitlab = new GitLabServer();
  }

  @AfterEach
  void stop() throws Exception {
    gitlab.close();
  }

  private static final String COMMIT =
      "{\"id\":\"" + "e".repeat(40) + "\",\"parent_ids\":[],\"title\":\"t\"}";

  @Test
  void get_waitsRetryAfterSecondsOn429_thenSucceeds() {
    gitlab.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    gitlab.project();

    assertThat(gitlab.client().project().id()).isEqualTo(42);
    assertThat(gitlab.time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(gitlab.notes).singleElement().asString().contains("answered 429");
  }

  @Test
  void retryAfterAsHttpDate_andRateLimitReset_areHonoured() {
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            gitlab.time.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
    gitlab.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", in30s));
    long reset = gitlab.time.instant().plusSeconds(30 + 12).getEpochSecond();
    gitlab.server.enqueue(
        new MockResponse().setResponseCode(429).setHeader("RateLimit-Reset", Long.toString(reset)));
    gitlab.project();

    gitlab.client().project();

    assertThat(gitlab.time.sleeps())
        .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(12));
  }

  @Test
  void serverErrors_backOffExponentiallyWithJitter_upToMaxAttempts() {
    for (int i = 0; i < 5; i++) {
      gitlab.json(502, "{\"message\":\"502 Bad Gateway\"}");
    }
    GitLabClient client = gitlab.client();

    assertThatThrownBy(client::project)
        .isInstanceOf(GitLabException.class)
        .hasMessageContaining("answered 502: 502 Bad Gateway (gave up after 5 attempt(s)")
        .hasMessageContaining("retry later");
    // jitter 0.5 of 0.5 s, 1 s, 2 s, 4 s
    assertThat(gitlab.time.sleeps())
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    assertThat(gitlab.server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void backoff_isCappedAtMaxDelay() {
    RetryPolicy policy =
        new RetryPolicy(10, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(8));
    assertThat(policy.backoff(1, 0.999)).isLessThan(Duration.ofSeconds(1));
    assertThat(policy.backoff(4, 1.0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(60, 1.0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aRetryAfterBeyondTheTotalBudget_failsAtOnce() {
    gitlab.server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Retry-After", "3600")
            .setBody("{\"message\":\"Too Many Requests\"}"));

    assertThatThrownBy(gitlab.client()::project)
        .hasMessageContaining("answered 429: Too Many Requests (gave up after 1 attempt(s)");
    assertThat(gitlab.time.sleeps()).isEmpty();
  }

  @Test
  void timeouts_onGets_areRetried() {
    gitlab.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    gitlab.project();
    GitLabClient client =
        gitlab.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(200)).build();

    assertThat(client.project().id()).isEqualTo(42);
    assertThat(gitlab.notes).singleElement().asString().contains("timed out");
  }

  @Test
  void anUntrustedCertificate_isNotRetried_andSaysWhatToDo(@TempDir Path temp) throws Exception {
    // a certificate no CA of the Java runtime signed: refused the same way on every attempt
    gitlab.server.useHttps(SelfSignedCertificate.create(temp).socketFactory(), false);
    gitlab.project();
    GitLabClient client = gitlab.client();

    GitLabException e = catchThrowableOfType(client::project, GitLabException.class);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("TLS failed").contains("private CA");
    assertThat(e.getMessage()).doesNotContain(GitLabServer.TOKEN);
    assertThat(gitlab.time.sleeps()).as("no retry").isEmpty();
    assertThat(gitlab.notes).isEmpty();
  }

  @Test
  void forcedCommitFromStartSha_isRetriedOn5xx_butAPlainCommitIsNot() {
    gitlab.project();
    gitlab.json(503, "{\"message\":\"503\"}");
    gitlab.json(201, COMMIT);
    gitlab.json(503, "{\"message\":\"503\"}");
    GitLabClient client = gitlab.client();
    List<CommitAction> actions = List.of(CommitAction.update("a/stow.yaml", "x"));

    client.createCommit(CommitRequest.forced("b", "a".repeat(40), "m", actions));
    CommitRequest plain = new CommitRequest("b", Optional.empty(), false, "m", actions);

    assertThatThrownBy(() -> client.createCommit(plain)).hasMessageContaining("answered 503");
    assertThat(gitlab.server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void mergeRequestCreate_isNotRetriedOn5xx_but429IsWaitedOut() {
    gitlab.project();
    gitlab.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "2"));
    gitlab.json(500, "{\"message\":\"500 Internal Server Error\"}");
    GitLabClient client = gitlab.client();

    assertThatThrownBy(
            () -> client.createMergeRequest(MergeRequestChanges.create("s", "main", "T", "D")))
        .hasMessageContaining("answered 500");
    assertThat(gitlab.time.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(gitlab.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBurstOfArchiveDownloads_queuesInsteadOfFailing() {
    gitlab.project();
    for (int i = 0; i < 7; i++) {
      gitlab.server.enqueue(new MockResponse().setBody("tar"));
    }
    GitLabClient client = gitlab.client();

    for (int i = 0; i < 7; i++) {
      client.archive("a".repeat(40), Optional.empty(), in -> in.readAllBytes().length);
    }

    assertThat(gitlab.time.sleeps()).containsExactly(Duration.ofMinutes(1));
    assertThat(gitlab.server.getRequestCount()).isEqualTo(8);
  }
}
