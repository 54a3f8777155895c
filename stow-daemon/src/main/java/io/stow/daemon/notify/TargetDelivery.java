package io.stow.daemon.notify;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.notify.NotificationCounters.Result;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Delivers the notifications of one target on its worker thread: renders, sends with retries,
 * counts the result, and logs a failure once per streak (the first failure says why; the ones after
 * it are only counted until a notification gets through again). The target's URL appears in logs
 * redacted, its token never.
 */
final class TargetDelivery {

  private final NotifyTarget target;
  private final PayloadFormat format;
  private final PayloadFormat.Endpoint endpoint;
  private final Sender sender;
  private final int attempts;
  private final NotificationCounters counters;
  private final DaemonLog log;
  private final UnaryOperator<String> redact;
  private int failedInStreak;
  private boolean dropping;

  TargetDelivery(
      NotifyTarget target,
      Optional<Secret> token,
      Sender sender,
      int attempts,
      NotificationCounters counters,
      DaemonLog log) {
    this.target = Objects.requireNonNull(target, "target");
    this.format = PayloadFormat.of(target.format());
    this.endpoint = new PayloadFormat.Endpoint(target.url(), token);
    this.sender = Objects.requireNonNull(sender, "sender");
    this.attempts = attempts;
    this.counters = Objects.requireNonNull(counters, "counters");
    this.log = Objects.requireNonNull(log, "log");
    this.redact = redactor(target.url(), token);
    counters.register(target.name());
  }

  String name() {
    return target.name();
  }

  boolean wants(Notification n) {
    return target.wants(n.event());
  }

  /** Renders and sends {@code n}; counts and logs how it went. */
  void deliver(Notification n) {
    Sender.Outcome outcome;
    try {
      outcome = sender.send(format.render(n, endpoint), attempts, redact);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (IllegalArgumentException e) {
      outcome = new Sender.Outcome(false, 0, "cannot be rendered: " + redact.apply(e.getMessage()));
    }
    counters.count(target.name(), outcome.sent() ? Result.SENT : Result.FAILED);
    synchronized (this) {
      if (outcome.sent()) {
        log.info(
            "notified "
                + label()
                + ": "
                + n.event().label()
                + " ("
                + outcome.detail()
                + (outcome.attempts() > 1 ? " at attempt " + outcome.attempts() : "")
                + ")"
                + (failedInStreak > 0
                    ? "; it works again after " + failedInStreak + " failed notification(s)"
                    : ""));
        failedInStreak = 0;
        dropping = false;
      } else if (failedInStreak++ == 0) {
        log.warn(
            "cannot notify "
                + label()
                + " of "
                + n.event().label()
                + ": "
                + outcome.detail()
                + "; further failures are counted (stow_notifications_total), not logged, until"
                + " one gets through");
      }
    }
  }

  /** {@code n} was dropped unsent to make room in the queue. */
  void dropped(Notification n) {
    counters.count(target.name(), Result.DROPPED);
    synchronized (this) {
      if (!dropping) {
        dropping = true;
        log.warn(
            "the queue of "
                + label()
                + " is full (its receiver is slow or down): dropping the oldest notifications,"
                + " first "
                + n.event().label()
                + " of "
                + n.finishedAt()
                + "; drops are counted, not logged, until one gets through");
      }
    }
  }

  /** {@code name (https://host/…)}. */
  String label() {
    return target.name() + " (" + target.redactedUrl() + ")";
  }

  /**
   * Replaces, in text from a receiver or an exception, the token and every part of the URL that may
   * be a secret (user information, path segments and query values of 6 characters or more).
   */
  static UnaryOperator<String> redactor(Secret url, Optional<Secret> token) {
    List<String> secrets = new ArrayList<>();
    token.map(Secret::reveal).ifPresent(secrets::add);
    secrets.add(url.reveal());
    try {
      URI uri = new URI(url.reveal());
      if (uri.getRawUserInfo() != null) {
        secrets.add(uri.getRawUserInfo());
        if (uri.getUserInfo() != null) {
          secrets.add(uri.getUserInfo());
        }
      }
      addParts(secrets, uri.getRawPath(), "/");
      addParts(secrets, uri.getPath(), "/");
      addParts(secrets, uri.getRawQuery(), "[&=]");
    } catch (URISyntaxException e) {
      // the whole URL is in the list already
    }
    List<String> longestFirst =
        secrets.stream()
            .filter(s -> s.length() >= 6)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return text -> {
      if (text == null) {
        return "";
      }
      String out = text;
      for (String secret : longestFirst) {
        out = out.replace(secret, "<redacted>");
      }
      return out;
    };
  }

  private static void addParts(List<String> secrets, String text, String separator) {
    if (text != null) {
      for (String part : text.split(separator)) {
        secrets.add(part);
      }
    }
  }
}
