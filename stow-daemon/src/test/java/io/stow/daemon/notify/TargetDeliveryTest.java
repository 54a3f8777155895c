package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import io.stow.daemon.notify.NotificationCounters.Result;
import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyFormat;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetDeliveryTest {

  private static final String TOPIC = "deploys-SENTINEL-4f1c9e";
  private static final String TOKEN = "tk_SENTINEL_token_77d1";

  private final MutableClock clock = new MutableClock();
  private final ScriptedPoster poster = new ScriptedPoster();
  private final NotificationCounters counters = new NotificationCounters();
  private final RecordingLog log = new RecordingLog();

  private TargetDelivery delivery(int attempts) {
    NotifyTarget target =
        new NotifyTarget(
            "phone",
            Secret.of("https://ntfy.example.com/" + TOPIC),
            NotifyFormat.NTFY,
            Set.of(NotifyEvent.ROLLED_BACK),
            Optional.empty());
    return new TargetDelivery(
        target,
        Optional.of(Secret.of(TOKEN)),
        new Sender(poster, NotifySettings.defaults(), new RecordingSleeper(clock), () -> 0, clock),
        attempts,
        counters,
        log.log());
  }

  @Test
  void deliver_logsTheFirstFailureOfAStreakOnly_andSaysWhenItWorksAgain() {
    TargetDelivery delivery = delivery(1);
    poster.answer(500).answer(500).answer(500).answer(200);

    for (int i = 0; i < 4; i++) {
      delivery.deliver(SampleNotifications.rolledBack());
    }

    assertThat(log.lines())
        .filteredOn(l -> l.contains("cannot notify"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("phone (https://ntfy.example.com/…)")
                    .contains("answered 500"));
    assertThat(log.lines())
        .filteredOn(l -> l.contains("notified phone"))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("works again after 3 failed"));
    assertThat(counters.value("phone", Result.FAILED)).isEqualTo(3);
    assertThat(counters.value("phone", Result.SENT)).isEqualTo(1);
    assertThat(log.text()).doesNotContain(TOPIC).doesNotContain(TOKEN);
  }

  @Test
  void deliver_sendsTheTokenAndTheNtfyBody_toTheServer() {
    delivery(1).deliver(SampleNotifications.rolledBack());

    Payload sent = poster.posted().get(0);
    assertThat(sent.url()).isEqualTo("https://ntfy.example.com/");
    assertThat(sent.headers()).containsEntry("Authorization", "Bearer " + TOKEN);
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).contains("\"topic\":\"" + TOPIC);
    assertThat(sent.toString()).doesNotContain(TOKEN).doesNotContain(TOPIC);
  }

  @Test
  void dropped_isCountedEachTime_andLoggedOncePerStreak() {
    TargetDelivery delivery = delivery(1);

    delivery.dropped(SampleNotifications.rolledBack());
    delivery.dropped(SampleNotifications.rolledBack());
    delivery.deliver(SampleNotifications.rolledBack());
    delivery.dropped(SampleNotifications.rolledBack());

    assertThat(counters.value("phone", Result.DROPPED)).isEqualTo(3);
    assertThat(log.lines()).filteredOn(l -> l.contains("is full")).hasSize(2);
  }

  @Test
  void redactor_hidesTheTokenUserInfoPathAndQuery() {
    var redact =
        TargetDelivery.redactor(
            Secret.of("https://bob:pa55word@gotify.example.com/message?token=AppTokenSENTINEL"),
            Optional.of(Secret.of("another-SENTINEL")));

    assertThat(
            redact.apply(
                "refused https://bob:pa55word@gotify.example.com/message?token=AppTokenSENTINEL;"
                    + " token AppTokenSENTINEL; user bob:pa55word; header another-SENTINEL;"
                    + " host gotify.example.com"))
        .doesNotContain("SENTINEL")
        .doesNotContain("pa55word")
        .contains("gotify.example.com");
  }

  @Test
  void deliver_toAUrlWithCredentials_logsTheTargetWithoutThem() {
    NotifyTarget target =
        new NotifyTarget(
            "hook",
            Secret.of(
                "https://deploy-bot:pa55-SENTINEL@hooks.example.com/stow/SENTINEL-path?key=SENTINEL-q"),
            NotifyFormat.JSON,
            Set.of(NotifyEvent.ROLLED_BACK),
            Optional.empty());
    TargetDelivery delivery =
        new TargetDelivery(
            target,
            Optional.empty(),
            new Sender(
                poster, NotifySettings.defaults(), new RecordingSleeper(clock), () -> 0, clock),
            1,
            counters,
            log.log());
    // a receiver that echoes what it was sent must not put the credentials into the log either
    poster.answer(
        401,
        Optional.empty(),
        "refused https://deploy-bot:pa55-SENTINEL@hooks.example.com/stow/SENTINEL-path?key=SENTINEL-q");

    delivery.deliver(SampleNotifications.rolledBack());

    assertThat(log.lines())
        .filteredOn(l -> l.contains("cannot notify"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("hook (https://hooks.example.com/…?…)")
                    .contains("answered 401: refused <redacted>"));
    assertThat(log.text()).doesNotContain("SENTINEL").doesNotContain("pa55");
    assertThat(counters.value("hook", Result.FAILED)).isEqualTo(1);
  }

  @Test
  void counters_startAtZeroForEveryResult() {
    delivery(1);

    assertThat(counters.counts())
        .extracting(c -> c.target() + " " + c.result() + " " + c.value())
        .containsExactly("phone sent 0", "phone failed 0", "phone dropped 0");
  }
}
