package io.stow.daemon.fakes;

import io.stow.daemon.schedule.PollTimer;
import java.time.Duration;

/** Remembers the tick it was given; {@link #fire()} runs it as if the interval had passed. */
public final class ManualPollTimer implements PollTimer {

  private volatile Runnable tick;
  private volatile Duration interval;
  private volatile boolean cancelled;

  @Override
  public Cancellable every(Duration interval, Runnable tick) {
    this.interval = interval;
    this.tick = tick;
    return () -> cancelled = true;
  }

  public void fire() {
    if (tick == null || cancelled) {
      throw new IllegalStateException("no active repetition");
    }
    tick.run();
  }

  public Duration interval() {
    return interval;
  }

  public boolean cancelled() {
    return cancelled;
  }
}
