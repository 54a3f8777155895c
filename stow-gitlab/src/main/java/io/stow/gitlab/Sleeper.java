package io.stow.gitlab;

import java.time.Duration;

/**
 * Waits between retries and while the archive rate limit is used up. Injected together with a
 * {@link java.time.Clock} so that tests run retry schedules instantly with a fake clock.
 */
@FunctionalInterface
public interface Sleeper {

  /** The real thing: {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
