package io.stow.cli.trigger;

import java.time.Duration;

/** Waits between attempts and polls; tests pass one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

  /** The real thing: {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
