package io.stow.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.Reports;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ReconcileStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentRunsTest {

  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  static RunListener.Finished deployed(int i) {
    return new RunListener.Finished(
        RunListener.Kind.RECONCILE,
        Optional.of(Reports.deployed("commit-" + i, "hash-" + i)),
        Optional.empty(),
        T.plusSeconds(i),
        T.plusSeconds(i + 1));
  }

  @Test
  void keepsTheLastTwenty_newestFirst() {
    RecentRuns runs = new RecentRuns();
    for (int i = 1; i <= 25; i++) {
      runs.finished(deployed(i));
    }

    assertThat(runs.newestFirst()).hasSize(RecentRuns.CAPACITY);
    assertThat(runs.newestFirst().get(0).revision()).contains("commit-25");
    assertThat(runs.newestFirst().get(19).revision()).contains("commit-6");
  }

  @Test
  void aRun_knowsWhatItLeftRunning() {
    RecentRun deployed = RecentRun.of(deployed(1));
    RecentRun failedBefore =
        RecentRun.of(
            new RunListener.Finished(
                RunListener.Kind.RECONCILE,
                Optional.of(
                    Reports.failed(ReconcileStatus.FAILED_BEFORE_CHANGES, "c2", "h2", "bad yaml")
                        .report()),
                Optional.of("bad yaml"),
                T,
                T));

    assertThat(deployed.left()).contains("hash-1");
    assertThat(deployed.report()).isPresent();
    assertThat(deployed.succeeded()).isTrue();
    assertThat(failedBefore.left()).isEmpty();
    assertThat(failedBefore.result()).isEqualTo("failed-before-changes");
    assertThat(failedBefore.error()).contains("bad yaml");
  }
}
