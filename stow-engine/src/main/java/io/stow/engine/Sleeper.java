package io.stow.engine;

import java.time.Duration;

/**
 * Waits between verification polls. Injected together with a {@link java.time.Clock} so that tests
 * run the 20 s / 60 s windows instantly with a fake clock that advances when "sleeping".
 */
@FunctionalInterface
public interface Sleeper {

  /** The real thing: {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
