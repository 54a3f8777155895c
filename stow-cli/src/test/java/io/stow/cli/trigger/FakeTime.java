package io.stow.cli.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when its sleeper "sleeps", recording every sleep; jitter is fixed. */
public final class FakeTime extends Clock implements Sleeper {

  private Instant now = Instant.parse("2026-05-01T12:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();
  private final double jitter;

  /**
   * @param jitter what every draw of the jitter returns, in [0, 1)
   */
  public FakeTime(double jitter) {
    this.jitter = jitter;
  }

  public Timing timing() {
    return new Timing(this, this, () -> jitter);
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
