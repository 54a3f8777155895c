package io.stow.cli.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows {@code GET /status} for one commit until it runs, its reconcile ends otherwise, or the
 * time is up; prints each change of state. Polls that fail for a reason that may pass (no
 * connection, 5xx) are printed once and retried until the deadline; a refusal (TLS, 4xx) ends the
 * wait at once.
 */
public final class StatusWatcher {

  /** How the wait ended. */
  public record Outcome(boolean running, String message) {}

  /** Time between two polls. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private final DaemonClient client;
  private final Timing timing;
  private final Consumer<String> out;

  /**
   * @param out receives one line per change of state
   */
  public StatusWatcher(DaemonClient client, Timing timing, Consumer<String> out) {
    this.client = Objects.requireNonNull(client, "client");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Waits for {@code head}.
   *
   * @param deadline when to give up
   */
  public Outcome await(HeadHash head, Instant start, Instant deadline) {
    String lastLine = null;
    String lastSeen = "no answer yet";
    while (true) {
      Instant now = timing.clock().instant();
      String line;
      try {
        DaemonStatus status = client.status(head);
        lastSeen = "state " + status.summary();
        line = status.summary();
        if (status.state() == DeploymentState.RUNNING) {
          print(start, now, line, lastLine);
          return new Outcome(true, "the host runs " + head.abbreviated());
        }
        if (status.settled(head)
            && (status.state() == DeploymentState.ERROR
                || status.state() == DeploymentState.DIFFERENT)) {
          print(start, now, line, lastLine);
          return new Outcome(
              false,
              head.abbreviated()
                  + " did not deploy ("
                  + status.state().word()
                  + "): "
                  + status.reason());
        }
      } catch (TriggerException e) {
        if (!e.transientFailure()) {
          throw e;
        }
        lastSeen = "the last status request failed: " + e.getMessage();
        line = "status unavailable: " + e.getMessage();
      }
      lastLine = print(start, now, line, lastLine);
      Duration left = Duration.between(timing.clock().instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return new Outcome(
            false,
            "gave up after "
                + seconds(Duration.between(start, timing.clock().instant()))
                + " waiting for "
                + head.abbreviated()
                + " to run; last seen: "
                + lastSeen);
      }
      client.pause(left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL);
    }
  }

  private String print(Instant start, Instant now, String line, String lastLine) {
    if (!line.equals(lastLine)) {
      out.accept(String.format("%6s  %s", "+" + seconds(Duration.between(start, now)), line));
    }
    return line;
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }
}
