package io.stow.daemon.notify;

import io.stow.model.config.NotifyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notifications as the daemon builds them, for tests. */
final class SampleNotifications {

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String HASH = "a".repeat(64);
  static final String PREVIOUS = "b".repeat(64);

  private SampleNotifications() {}

  static Notification rolledBack() {
    return new Notification(
        NotifyEvent.ROLLED_BACK,
        "host-1",
        "host-1",
        Optional.of("shop"),
        Optional.of(COMMIT),
        Optional.of(HASH),
        Optional.of(PREVIOUS),
        "reconcile",
        "failed-rolled-back",
        Optional.of("verification failed: web exited with code 3 <!channel> @everyone & co"),
        Optional.of(
            new Notification.Rollback(
                "restore-previous", true, Optional.of(PREVIOUS), Optional.empty())),
        List.of(
            new Notification.ContainerLine(
                "web", Optional.of("replace"), "started", Optional.empty()),
            new Notification.ContainerLine(
                "db", Optional.of("noop"), "unchanged", Optional.empty())),
        Instant.parse("2026-05-01T10:00:00Z"),
        Instant.parse("2026-05-01T10:01:05Z"),
        Optional.of(
            new Notification.Links(
                "https://host-1.example.com:17403/status?head_hash=" + COMMIT,
                "https://host-1.example.com:17403/")));
  }

  static Notification of(NotifyEvent event) {
    Notification n = rolledBack();
    return new Notification(
        event,
        n.host(),
        n.folder(),
        n.deployment(),
        n.commit(),
        n.deploymentHash(),
        n.previousHash(),
        n.run(),
        n.result(),
        n.reason(),
        n.rollback(),
        n.containers(),
        n.startedAt(),
        n.finishedAt(),
        n.links());
  }
}
