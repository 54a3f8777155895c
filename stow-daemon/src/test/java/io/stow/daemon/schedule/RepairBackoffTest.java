package io.stow.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairBackoffTest {

  /** Which of {@code polls} polls repair while every repair fails. */
  private static List<Integer> attemptsWhileFailing(RepairBackoff backoff, int polls) {
    List<Integer> attempts = new ArrayList<>();
    for (int poll = 1; poll <= polls; poll++) {
      if (backoff.attempt()) {
        attempts.add(poll);
        backoff.failed();
      }
    }
    return attempts;
  }

  @Test
  void aRepairThatKeepsFailing_isRetriedAtPollsFurtherAndFurtherApart() {
    RepairBackoff backoff = new RepairBackoff(Duration.ofMinutes(1));

    assertThat(attemptsWhileFailing(backoff, 40)).containsExactly(1, 2, 4, 8, 16, 32);
  }

  @Test
  void theWaitStopsGrowingAtAnAttemptAnHour() {
    RepairBackoff fivePolls = new RepairBackoff(Duration.ofMinutes(5));
    List<Integer> attempts = attemptsWhileFailing(fivePolls, 60);
    // 1, 2, 4, 8, 16, then every 12th poll of 5 minutes: once an hour
    assertThat(attempts).startsWith(1, 2, 4, 8, 16, 28, 40, 52);

    RepairBackoff hourly = new RepairBackoff(Duration.ofHours(2));
    assertThat(attemptsWhileFailing(hourly, 5)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aSuccessStartsOver() {
    RepairBackoff backoff = new RepairBackoff(Duration.ofMinutes(1));
    attemptsWhileFailing(backoff, 10); // failed at polls 1, 2, 4, 8: the next 7 polls skip

    assertThat(backoff.attempt()).isFalse();
    backoff.reset();

    assertThat(backoff.attempt()).isTrue();
    assertThat(backoff.failed()).as("a first failure again: the next poll retries").isZero();
  }
}
