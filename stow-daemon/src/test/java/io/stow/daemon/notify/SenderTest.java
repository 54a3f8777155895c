package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.MutableClock;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SenderTest {

  private static final UnaryOperator<String> NO_SECRETS = UnaryOperator.identity();
  private static final Payload PAYLOAD =
      new Payload(
          "https://hooks.example.com/x", "application/json", new byte[] {'{', '}'}, Map.of());

  private final MutableClock clock = new MutableClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final ScriptedPoster poster = new ScriptedPoster();
  private final NotifySettings settings = NotifySettings.defaults();

  private Sender sender() {
    return new Sender(poster, settings, sleeper, () -> 0.5, clock);
  }

  @Test
  void send_retries503Twice_thenSucceeds_withExponentialBackoffAndJitter() throws Exception {
    poster.answer(503).answer(503).answer(200);

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(poster.posted()).hasSize(3);
    // full jitter: half of 1 s, then half of 2 s
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void send_honoursRetryAfter_inSecondsAndAsAnHttpDate() throws Exception {
    poster
        .answer(429, Optional.of("7"), "slow down")
        .answer(503, Optional.of("Fri, 01 May 2026 10:01:07 GMT"), "")
        .answer(204);

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isTrue();
    // the clock stood at 10:00:07 after the first wait: the date is 60 s later
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(60));
  }

  @Test
  void send_givesUpAtOnce_whenRetryAfterAsksForMoreThanTheBound() throws Exception {
    poster.answer(429, Optional.of("3600"), "");

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.detail()).contains("answered 429").contains("retry after 3600 s");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void send_retriesConnectionErrorsAndTimeouts() throws Exception {
    poster
        .fail(new ConnectException("Connection refused"))
        .fail(new SocketTimeoutException("timeout"))
        .answer(200);

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(3);
  }

  @Test
  void send_doesNotRetryAClientError_andSaysWhatToCheck() throws Exception {
    poster.answer(404, Optional.empty(), "{\"message\": \"Unknown Webhook\"}");

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.detail())
        .isEqualTo(
            "answered 404: {\"message\": \"Unknown Webhook\"}; check the target's url (a deleted"
                + " webhook or a wrong path)");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void send_givesUpAfterTheLastAttempt() throws Exception {
    for (int i = 0; i < 5; i++) {
      poster.answer(502);
    }

    Sender.Outcome outcome = sender().send(PAYLOAD, 5, NO_SECRETS);

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.detail()).isEqualTo("answered 502 (gave up after 5 attempts)");
    assertThat(sleeper.waits())
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));
  }

  @Test
  void send_keepsSecretsOutOfWhatTheReceiverSaid() throws Exception {
    poster.answer(401, Optional.empty(), "bad token tk_SENTINEL_123456\nfor topic");

    Sender.Outcome outcome =
        sender().send(PAYLOAD, 1, text -> text.replace("tk_SENTINEL_123456", "<redacted>"));

    assertThat(outcome.detail())
        .isEqualTo(
            "answered 401: bad token <redacted> for topic; check the target's tokenFile or the"
                + " credentials in its url");
  }

  @Test
  void backoff_isFullJitterUnderTheCappedExponential() {
    assertThat(settings.backoff(1, 0.999)).isLessThan(Duration.ofSeconds(1));
    assertThat(settings.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(settings.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoff(40, 0.5)).isEqualTo(Duration.ofSeconds(30));
  }
}
