package io.stow.daemon.notify;

import io.stow.daemon.fakes.MutableClock;
import io.stow.engine.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sleeps by moving a clock, and remembers every wait. */
final class RecordingSleeper implements Sleeper {

  private final MutableClock clock;
  private final List<Duration> waits = new ArrayList<>();

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
    clock.advance(duration);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
