package io.stow.engine.steps;

import io.stow.docker.DockerHost;
import io.stow.engine.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits, a bounded time, for a Docker engine that stopped answering (restarting, say), so a
 * rollback does not run against an engine that is down.
 */
final class EngineWait {

  private static final Duration POLL = Duration.ofSeconds(1);

  private final DockerHost docker;
  private final RunRecorder rec;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration bound;

  EngineWait(DockerHost docker, RunRecorder rec, Clock clock, Sleeper sleeper, Duration bound) {
    this.docker = docker;
    this.rec = rec;
    this.clock = clock;
    this.sleeper = sleeper;
    this.bound = bound;
  }

  /**
   * Returns once the engine answers.
   *
   * @throws StepFailure when it did not answer within the bound
   */
  void untilAnswering(String before) throws InterruptedException {
    if (docker.ping()) {
      return;
    }
    rec.warn(
        "the Docker engine is not answering; waiting up to "
            + bound.toSeconds()
            + "s for it before "
            + before);
    Instant deadline = clock.instant().plus(bound);
    while (clock.instant().isBefore(deadline)) {
      sleeper.sleep(POLL);
      if (docker.ping()) {
        return;
      }
    }
    throw new StepFailure(
        "the Docker engine did not answer within "
            + bound.toSeconds()
            + "s; start it (systemctl start docker), then run stow again: it rolls back first");
  }
}
