package io.stow.daemon.notify;

import static io.stow.daemon.notify.RunReports.COMMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.RecordingLog;
import io.stow.daemon.notify.NotificationCounters.Result;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileStatus;
import io.stow.gitlab.CommitStatusRequest;
import io.stow.gitlab.CommitStatusRequest.State;
import io.stow.gitlab.GitLabException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitStatusReporterTest {

  record Posted(String sha, CommitStatusRequest request) {}

  private final List<Posted> posted = new ArrayList<>();
  private final List<CommitStatusReporter.Update> queued = new ArrayList<>();
  private final NotificationCounters counters = new NotificationCounters();
  private final RecordingLog log = new RecordingLog();
  private final DeploymentFacts facts = new DeploymentFacts();
  private RuntimeException failure;

  private final CommitStatusReporter reporter =
      new CommitStatusReporter(
          "host-1",
          facts,
          (sha, request) -> {
            if (failure != null) {
              throw failure;
            }
            posted.add(new Posted(sha, request));
          },
          () -> Optional.of("main"),
          counters,
          log.log(),
          update -> {
            queued.add(update);
            return Optional.empty();
          });

  /** What the worker thread would do: post everything queued, in order. */
  private void drain() {
    List<CommitStatusReporter.Update> updates = new ArrayList<>(queued);
    queued.clear();
    updates.forEach(reporter::post);
  }

  private void reconcile(RunListener.Finished end) {
    reporter.reconcileStarted(Instant.EPOCH);
    reporter.on(new ReconcileEvent.StepStarted(io.stow.engine.StepName.STAGE, false));
    reporter.on(new ReconcileEvent.RevisionKnown(COMMIT));
    reporter.finished(end);
  }

  @Test
  void aVerifiedReconcile_isRunningThenSuccess_onItsCommit_namedByTheFolder() {
    facts.learn(
        RunReports.report(
            ReconcileMode.RECONCILE, ReconcileStatus.SUCCEEDED, true, Optional.empty()));

    reconcile(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    drain();

    assertThat(posted)
        .extracting(p -> p.sha() + " " + p.request().state().wire() + " " + p.request().name())
        .containsExactly(COMMIT + " running stow/host-1", COMMIT + " success stow/host-1");
    assertThat(posted.get(0).request().ref()).contains("main");
    assertThat(posted.get(0).request().description()).contains("deploying to host-1");
    assertThat(posted.get(1).request().description()).contains("deployed and verified on host-1");
    assertThat(posted)
        .allSatisfy(
            p ->
                assertThat(p.request().targetUrl())
                    .contains("https://host-1.example.com:17403/status?head_hash=" + COMMIT));
    assertThat(counters.value(CommitStatusReporter.TARGET, Result.SENT)).isEqualTo(2);
  }

  @Test
  void aRolledBackReconcile_isFailed_withTheReason() {
    reconcile(RunReports.reconcile(ReconcileStatus.FAILED_ROLLED_BACK, true));
    drain();

    assertThat(posted)
        .extracting(p -> p.request().state())
        .containsExactly(State.RUNNING, State.FAILED);
    assertThat(posted.get(1).request().description())
        .contains("failed-rolled-back: verification failed: web exited (3)");
  }

  @Test
  void repairsAndRecoveries_setNoStatus_norDoRevisionsOutsideAReconcile() {
    reporter.on(new ReconcileEvent.RevisionKnown(COMMIT));
    reporter.finished(
        RunReports.finished(RunListener.Kind.REPAIR, Optional.empty(), Optional.of("x")));

    assertThat(queued).isEmpty();
  }

  @Test
  void a403_isLoggedOnceWithTheFix_andTurnsStatusesOff() {
    failure =
        new GitLabException(
            "POST", "/projects/ops%2Fdeploy/statuses/" + COMMIT, 403, "insufficient_scope", null);

    reconcile(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    drain();
    reconcile(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    drain();

    assertThat(log.lines())
        .filteredOn(l -> l.contains("403"))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("api scope").contains("commitStatus: false"));
    assertThat(counters.value(CommitStatusReporter.TARGET, Result.FAILED)).isEqualTo(1);
  }

  @Test
  void otherGitLabFailures_areLoggedOncePerStreak() {
    failure = new GitLabException("POST", "/projects/1/statuses/x", 502, "Bad Gateway", null);

    reconcile(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    drain();
    failure = null;
    reconcile(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    drain();

    assertThat(log.lines()).filteredOn(l -> l.contains("cannot set the commit status")).hasSize(1);
    assertThat(log.lines()).filteredOn(l -> l.contains("work again after 2")).hasSize(1);
    assertThat(counters.value(CommitStatusReporter.TARGET, Result.FAILED)).isEqualTo(2);
    assertThat(counters.value(CommitStatusReporter.TARGET, Result.SENT)).isEqualTo(2);
  }
}
