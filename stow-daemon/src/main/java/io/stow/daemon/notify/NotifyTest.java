package io.stow.daemon.notify;

import io.stow.engine.Sleeper;
import io.stow.model.config.Notifications;
import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code stow notify-test} does: sends one {@code test} notification to every target, once
 * each (no retries, so a person sees the receiver's real answer), and says how each answered.
 */
public final class NotifyTest {

  /** How one target answered. */
  public record Answer(String target, String redactedUrl, boolean sent, String detail) {
    public Answer {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(redactedUrl, "redactedUrl");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private NotifyTest() {}

  /** Sends the test to every target in order; a target's unusable token file is its answer. */
  public static List<Answer> run(
      Notifications config, String host, String folder, HttpPoster poster, Clock clock) {
    Sender sender = new Sender(poster, NotifySettings.defaults(), Sleeper.SYSTEM, () -> 0.0, clock);
    Notification test = notification(host, folder, clock.instant());
    List<Answer> answers = new ArrayList<>();
    for (NotifyTarget target : config.targets()) {
      answers.add(answer(target, test, sender));
    }
    return answers;
  }

  /** The {@code test} event: no deployment, commit or reason, only where it comes from. */
  static Notification notification(String host, String folder, Instant at) {
    return new Notification(
        NotifyEvent.TEST,
        host,
        folder,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "test",
        "test",
        Optional.empty(),
        Optional.empty(),
        List.of(),
        at,
        at,
        Optional.empty());
  }

  private static Answer answer(NotifyTarget target, Notification test, Sender sender) {
    Optional<Secret> token;
    try {
      token = TokenFiles.read(target);
    } catch (NotifyException e) {
      return new Answer(target.name(), target.redactedUrl(), false, e.getMessage());
    }
    try {
      Payload payload =
          PayloadFormat.of(target.format())
              .render(test, new PayloadFormat.Endpoint(target.url(), token));
      Sender.Outcome outcome =
          sender.send(payload, 1, TargetDelivery.redactor(target.url(), token));
      return new Answer(target.name(), target.redactedUrl(), outcome.sent(), outcome.detail());
    } catch (IllegalArgumentException e) {
      return new Answer(
          target.name(),
          target.redactedUrl(),
          false,
          "cannot be sent: " + TargetDelivery.redactor(target.url(), token).apply(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(target.name(), target.redactedUrl(), false, "interrupted");
    }
  }
}
