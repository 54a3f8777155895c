package io.stow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying a deployment: every desired container must exist, run, not be
 * restarting, have RestartCount 0, carry both stow labels and be healthy when it has a healthcheck,
 * continuously for {@code stable} within {@code timeout}.
 *
 * @param deploymentHash the hash whose containers were verified
 * @param elapsed how long verification ran
 * @param timeline the samples, oldest first
 */
public record VerificationReport(
    String deploymentHash,
    boolean passed,
    Duration timeout,
    Duration stable,
    Duration elapsed,
    List<VerificationSample> timeline) {

  public VerificationReport {
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(stable, "stable");
    Objects.requireNonNull(elapsed, "elapsed");
    timeline = List.copyOf(timeline);
  }

  /** The problems of the last sample: why verification failed, or empty. */
  public List<String> lastProblems() {
    return timeline.isEmpty() ? List.of() : timeline.get(timeline.size() - 1).problems();
  }
}
