package io.stow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One point of the verification timeline, recorded whenever what is wrong changes.
 *
 * @param elapsed time since verification began
 * @param stableFor how long the deployment had been continuously valid at that point
 * @param problems what was wrong, one line per problem ({@code web: restarting}); empty when valid
 */
public record VerificationSample(Duration elapsed, Duration stableFor, List<String> problems) {

  public VerificationSample {
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(stableFor, "stableFor");
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
