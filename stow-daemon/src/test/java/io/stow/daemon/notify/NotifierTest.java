package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import io.stow.daemon.notify.NotificationCounters.Result;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileStatus;
import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyFormat;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifierTest {

  private final MutableClock clock = new MutableClock();
  private final NotificationCounters counters = new NotificationCounters();
  private final RecordingLog log = new RecordingLog();
  private final ScriptedPoster poster = new ScriptedPoster();

  private Notifier.Target target(String name, Set<NotifyEvent> events, int capacity) {
    TargetDelivery delivery =
        new TargetDelivery(
            new NotifyTarget(
                name,
                Secret.of("https://" + name + ".example.com/hook"),
                NotifyFormat.JSON,
                events,
                Optional.empty()),
            Optional.empty(),
            new Sender(
                poster, NotifySettings.defaults(), new RecordingSleeper(clock), () -> 0, clock),
            1,
            counters,
            log.log());
    // not started: what is queued stays queued, as behind a receiver that never answers
    return new Notifier.Target(delivery, new Worker<>("test-" + name, capacity, delivery::deliver));
  }

  @Test
  void eachRun_goesToTheTargetsThatWantItsEvent_andANoOpToNone() {
    Notifier.Target failures =
        target("failures", Set.of(NotifyEvent.ROLLED_BACK, NotifyEvent.FAILED), 10);
    Notifier.Target deploys = target("deploys", Set.of(NotifyEvent.DEPLOYED), 10);
    Notifier notifier =
        new Notifier(new RunEvents("h", "f", new DeploymentFacts()), List.of(failures, deploys));
    failures.worker().start();
    deploys.worker().start();

    notifier.finished(RunReports.reconcile(ReconcileStatus.FAILED_ROLLED_BACK, true));
    notifier.finished(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    notifier.finished(RunReports.reconcile(ReconcileStatus.SUCCEEDED, false));
    failures.worker().close(java.time.Duration.ofSeconds(10));
    deploys.worker().close(java.time.Duration.ofSeconds(10));

    assertThat(poster.posted())
        .extracting(p -> p.url() + " " + Bodies.json(p).path("event").asText())
        .containsExactlyInAnyOrder(
            "https://failures.example.com/hook rolled-back",
            "https://deploys.example.com/hook deployed");
    assertThat(counters.value("failures", Result.SENT)).isEqualTo(1);
    assertThat(counters.value("deploys", Result.SENT)).isEqualTo(1);
  }

  private static RunListener.Finished repair(ReconcileStatus status) {
    Optional<String> failure =
        status.succeeded() ? Optional.empty() : Optional.of("drift repair failed: web exited (4)");
    return RunReports.finished(
        RunListener.Kind.REPAIR,
        Optional.of(RunReports.report(ReconcileMode.REPAIR, status, true, failure)),
        failure);
  }

  @Test
  void failedRepairs_thatFailAsTheRunBeforeThem_areNotToldAgain_untilARunDoesNotFail() {
    Notifier.Target all = target("all", NotifyEvent.subscribable(), 20);
    Notifier notifier = new Notifier(new RunEvents("h", "f", new DeploymentFacts()), List.of(all));
    all.worker().start();

    // a deployment and its rollback failed: the host needs an operator; every poll repairs again
    notifier.finished(RunReports.reconcile(ReconcileStatus.FAILED_ROLLBACK_FAILED, true));
    notifier.finished(repair(ReconcileStatus.FAILED_ROLLBACK_FAILED));
    notifier.finished(repair(ReconcileStatus.FAILED_ROLLBACK_FAILED));
    // someone fixed it by hand: a poll finds nothing to repair; later it breaks again
    notifier.nothingDrifted(RunReports.END);
    notifier.finished(repair(ReconcileStatus.FAILED_ROLLBACK_FAILED));
    // another failure is news, once
    notifier.finished(repair(ReconcileStatus.FAILED_BEFORE_CHANGES));
    notifier.finished(repair(ReconcileStatus.FAILED_BEFORE_CHANGES));
    // a deployment that works ends the streak
    notifier.finished(RunReports.reconcile(ReconcileStatus.SUCCEEDED, true));
    notifier.finished(repair(ReconcileStatus.FAILED_BEFORE_CHANGES));
    // a reconcile that fails is always told
    notifier.finished(RunReports.reconcile(ReconcileStatus.FAILED_BEFORE_CHANGES, false));
    all.worker().close(java.time.Duration.ofSeconds(10));

    assertThat(poster.posted())
        .extracting(
            p -> Bodies.json(p).path("event").asText() + " " + Bodies.json(p).path("run").asText())
        .containsExactly(
            "rollback-failed reconcile",
            "rollback-failed repair",
            "failed repair",
            "deployed reconcile",
            "failed repair",
            "failed reconcile");
  }

  @Test
  void aFullQueue_dropsTheOldest_andCountsIt_withoutWaiting() {
    Notifier.Target slow = target("slow", NotifyEvent.subscribable(), 2);
    Notifier notifier = new Notifier(new RunEvents("h", "f", new DeploymentFacts()), List.of(slow));

    for (int i = 0; i < 5; i++) {
      notifier.publish(SampleNotifications.of(NotifyEvent.DEPLOYED));
    }

    assertThat(counters.value("slow", Result.DROPPED)).isEqualTo(3);
    assertThat(log.lines()).filteredOn(l -> l.contains("is full")).hasSize(1);
    assertThat(poster.posted()).isEmpty();
  }
}
