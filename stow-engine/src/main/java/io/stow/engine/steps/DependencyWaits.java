package io.stow.engine.steps;

import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.engine.Sleeper;
import io.stow.model.Dependency;
import io.stow.model.Dependency.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits, during an apply, until a container a dependant {@code depends_on} reaches its condition:
 * {@code service_started} holds once it was started; {@code service_healthy} waits for Docker to
 * report it healthy (an unhealthy, exited or healthcheck-less dependency fails at once, as Compose
 * fails); {@code service_completed_successfully} waits for it to exit with code 0. Time comes from
 * the injected clock and sleeper; each wait is bounded by the deployment's verification timeout.
 */
final class DependencyWaits {

  private final DockerHost docker;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  DependencyWaits(DockerHost docker, Clock clock, Sleeper sleeper, Duration pollInterval) {
    this.docker = docker;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  /**
   * Returns how long it waited.
   *
   * @throws StepFailure when the dependency cannot reach the condition, or not within {@code
   *     timeout}
   */
  Duration await(String dependant, Dependency dependency, Duration timeout)
      throws InterruptedException {
    Instant start = clock.instant();
    if (dependency.condition() == Condition.STARTED) {
      return Duration.ZERO;
    }
    while (true) {
      Optional<Unmet> unmet = check(dependency);
      if (unmet.isEmpty()) {
        return Duration.between(start, clock.instant());
      }
      String about =
          "container "
              + dependant
              + " depends on "
              + dependency.container()
              + " ("
              + dependency.condition().text()
              + "), which ";
      if (unmet.get().hopeless()) {
        throw new StepFailure(about + unmet.get().reason());
      }
      Duration elapsed = Duration.between(start, clock.instant());
      if (elapsed.compareTo(timeout) >= 0) {
        throw new StepFailure(
            about
                + unmet.get().reason()
                + " after "
                + timeout.toSeconds()
                + "s (the deployment's verify timeout)");
      }
      Duration left = timeout.minus(elapsed);
      sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
    }
  }

  /** Why a condition does not hold yet; {@code hopeless} when it never will. */
  private record Unmet(String reason, boolean hopeless) {}

  private Optional<Unmet> check(Dependency dependency) {
    Optional<ContainerState> found = docker.inspect(dependency.container());
    if (found.isEmpty()) {
      return Optional.of(new Unmet("does not exist", true));
    }
    ContainerState state = found.get();
    String notRunning = "is not running (status " + state.status() + exit(state) + ")";
    if (dependency.condition() == Condition.HEALTHY) {
      if (state.health().isEmpty()) {
        return Optional.of(
            new Unmet(
                state.running()
                    ? "has no healthcheck; give it one, or depend on service_started"
                    : notRunning,
                true));
      }
      String health = state.health().get();
      if (health.equals("healthy")) {
        return Optional.empty();
      }
      if (!state.running()) {
        return Optional.of(new Unmet(notRunning, true));
      }
      if (health.equals("unhealthy")) {
        return Optional.of(new Unmet("is unhealthy", true));
      }
      return Optional.of(new Unmet("is still " + health, false));
    }
    if (state.running() || state.restarting() || state.status().equals("created")) {
      return Optional.of(new Unmet("is still running", false));
    }
    if (state.exitCode().equals(Optional.of(0))) {
      return Optional.empty();
    }
    return Optional.of(
        new Unmet("exited" + exit(state) + "; it must complete with exit code 0", true));
  }

  private static String exit(ContainerState state) {
    return state.exitCode().map(c -> ", exit code " + c).orElse("");
  }
}
