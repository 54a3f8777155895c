package io.stow.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.FakeHostActions;
import io.stow.daemon.fakes.ManualExecutor;
import io.stow.daemon.fakes.ManualPollTimer;
import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import io.stow.daemon.fakes.Reports;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.host.TokenBucket;
import io.stow.daemon.schedule.Scheduler.TriggerOutcome;
import io.stow.daemon.schedule.SchedulerState.Phase;
import io.stow.engine.ReconcileStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String C = "c".repeat(40);

  private final MutableClock clock = new MutableClock();
  private final RecordingLog log = new RecordingLog();
  private final FakeHostActions host = new FakeHostActions().commit(A, "hash-a").head(A);
  private final ManualExecutor runner = new ManualExecutor();
  private final ManualPollTimer timer = new ManualPollTimer();
  private final HostStatusCache hosts =
      new HostStatusCache(host::status, clock, Duration.ofSeconds(1), Runnable::run, log.log());
  private final RevisionResolver resolver =
      new RevisionResolver(
          host::resolve,
          Runnable::run,
          16,
          new TokenBucket(clock, 4, Duration.ofSeconds(10)),
          Duration.ofMinutes(1),
          clock,
          log.log());

  private Scheduler scheduler(java.util.concurrent.Executor executor) {
    return new Scheduler(
        host, hosts, resolver, executor, timer, Duration.ofMinutes(5), clock, log.log(), heard);
  }

  private Scheduler started() {
    Scheduler scheduler = scheduler(runner);
    scheduler.start();
    runner.runAll();
    return scheduler;
  }

  /** What the scheduler told its run listener, in order. */
  private final java.util.List<String> told = new java.util.ArrayList<>();

  private final RunListener heard =
      new RunListener() {
        @Override
        public void reconcileStarted(java.time.Instant at) {
          told.add("started");
        }

        @Override
        public void finished(Finished run) {
          told.add(run.kind() + (run.error().isPresent() ? " failed" : " ok"));
        }

        @Override
        public void nothingDrifted(java.time.Instant at) {
          told.add("nothing drifted");
        }
      };

  @Test
  void runListener_hearsEveryRunThatDidSomething_andANoOpPollOnlyAsNothingDrifted() {
    Scheduler scheduler = started();
    told.clear();

    scheduler.trigger(java.util.Optional.empty());
    runner.runAll();
    scheduler.poll();
    runner.runAll();

    assertThat(told).containsExactly("started", "RECONCILE ok", "nothing drifted");
  }

  @Test
  void start_rollsBackAnInterruptedApplyBeforeReady_thenPolls() {
    host.interruptedApply();
    Scheduler scheduler = scheduler(runner);

    scheduler.start();

    assertThat(scheduler.state().ready()).isFalse();
    assertThat(scheduler.state().phase()).isEqualTo(Phase.STARTING);
    assertThat(timer.interval()).isEqualTo(Duration.ofMinutes(5));
    runner.runAll();
    assertThat(host.calls()).startsWith("recover").contains("head", "reconcile");
    assertThat(scheduler.state().ready()).isTrue();
    assertThat(scheduler.state().phase()).isEqualTo(Phase.IDLE);
    assertThat(scheduler.state().lastResult()).contains("ok");
    assertThat(log.text()).contains("rolled back an apply that an earlier run left open");
  }

  @Test
  void aFailedRecovery_isReportedAsTheLastError_andTheDaemonStillBecomesReady() {
    host.recoveryFails(new IllegalStateException("docker: cannot start web"));
    host.failNextReconcile(new IllegalStateException("still broken"));
    Scheduler scheduler = scheduler(runner);

    scheduler.start();
    runner.runAll();

    assertThat(scheduler.state().ready()).isTrue();
    assertThat(scheduler.state().lastResult()).contains("error");
    assertThat(log.text())
        .contains("<3>the rollback of an interrupted apply failed: docker: cannot start web");
  }

  @Test
  void trigger_whenIdle_startsAReconcileForThatHead() {
    Scheduler scheduler = started();
    host.commit(B, "hash-b").head(B);

    assertThat(scheduler.trigger(Optional.of(B))).isEqualTo(TriggerOutcome.STARTED);
    assertThat(scheduler.state().phase()).isEqualTo(Phase.STARTING);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
    runner.runAll();

    assertThat(host.count("reconcile")).isEqualTo(2); // the start poll and the trigger
    assertThat(scheduler.state().phase()).isEqualTo(Phase.IDLE);
    assertThat(scheduler.state().activeHeadHash()).isEmpty();
    assertThat(scheduler.state().lastResult()).contains("ok");
    assertThat(resolver.cached(B).flatMap(r -> r.deploymentHash())).contains("hash-b");
  }

  @Test
  void fiveHundredTriggersDuringOneReconcile_produceExactlyOneFollowUp_withTheLatestHead() {
    Scheduler scheduler = started();
    long before = host.count("reconcile");
    host.duringReconcile(
        () -> {
          host.duringReconcile(() -> {});
          assertThat(scheduler.state().phase()).isEqualTo(Phase.RECONCILING);
          for (int i = 0; i < 500; i++) {
            String head = String.format("%040x", i);
            assertThat(scheduler.trigger(Optional.of(head))).isEqualTo(TriggerOutcome.QUEUED);
          }
          assertThat(scheduler.state().queued()).isTrue();
          assertThat(scheduler.state().queuedHeadHash()).contains(String.format("%040x", 499));
        });

    scheduler.trigger(Optional.of(A));
    runner.runAll();

    assertThat(host.count("reconcile") - before).isEqualTo(2);
    assertThat(scheduler.state().queued()).isFalse();
    assertThat(scheduler.state().queuedHeadHash()).isEmpty();
    assertThat(scheduler.state().phase()).isEqualTo(Phase.IDLE);
  }

  @Test
  void concurrentTriggersFromManyThreads_duringOneReconcile_coalesceIntoOneFollowUp()
      throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Scheduler scheduler = scheduler(thread);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      host.duringReconcile(
          () -> {
            inside.countDown();
            await(release);
          });
      scheduler.start(); // recovery, then the start poll reconciles (head A, nothing runs)
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      host.duringReconcile(() -> {});

      CountDownLatch fired = new CountDownLatch(500);
      for (int i = 0; i < 500; i++) {
        String head = String.format("%040x", i);
        callers.execute(
            () -> {
              scheduler.trigger(Optional.of(head));
              fired.countDown();
            });
      }
      assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(scheduler.state().queued()).isTrue();
      release.countDown();
      thread.shutdown();
      assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      assertThat(host.count("reconcile")).isEqualTo(2);
      assertThat(scheduler.state().phase()).isEqualTo(Phase.IDLE);
    } finally {
      thread.shutdownNow();
      callers.shutdownNow();
    }
  }

  @Test
  void triggerWithoutHead_keepsTheQueuedHeadOfAnEarlierTrigger() {
    Scheduler scheduler = started();
    java.util.List<Optional<String>> followUpHeads = new java.util.ArrayList<>();
    host.duringReconcile(
        () -> {
          host.duringReconcile(() -> followUpHeads.add(scheduler.state().activeHeadHash()));
          scheduler.trigger(Optional.of(B));
          scheduler.trigger(Optional.empty());
        });

    scheduler.trigger(Optional.of(A));
    runner.runAll();

    assertThat(followUpHeads).containsExactly(Optional.of(B));
  }

  @Test
  void poll_whenTheHeadIsUnchanged_repairsWithoutReconciling() {
    Scheduler scheduler = started();
    long reconciles = host.count("reconcile");

    timer.fire();
    runner.runAll();

    assertThat(host.count("reconcile")).isEqualTo(reconciles);
    // a poll that finds nothing to do looks at nothing else: the status reading stays as it was
    assertThat(host.calls()).endsWith("head", "repair");
  }

  @Test
  void poll_whenTheHeadMoved_reconcilesTheNewHead() {
    Scheduler scheduler = started();
    host.commit(C, "hash-c").head(C);

    assertThat(scheduler.poll()).isTrue();
    runner.runAll();

    assertThat(host.calls()).endsWith("head", "reconcile", "status");
    assertThat(hosts.current().status().revision()).contains(C);
  }

  @Test
  void aPollWhileSomethingRuns_isDropped() {
    Scheduler scheduler = started();
    scheduler.trigger(Optional.of(A));

    assertThat(scheduler.poll()).isFalse();
    runner.runAll();
    assertThat(scheduler.state().queued()).isFalse();
  }

  @Test
  void aHeadWhoseDeploymentWasRolledBack_isRepairedNotRetriedByPolls_butATriggerRetriesIt() {
    Scheduler scheduler = started();
    host.commit(B, "hash-b").head(B);
    host.failNextReconcile(
        Reports.failed(ReconcileStatus.FAILED_ROLLED_BACK, B, "hash-b", "verification failed"));
    scheduler.trigger(Optional.of(B));
    runner.runAll();
    assertThat(scheduler.state().lastResult()).contains("error");
    assertThat(scheduler.state().lastError()).contains("verification failed");
    assertThat(resolver.cached(B).flatMap(r -> r.deploymentHash())).contains("hash-b");
    long reconciles = host.count("reconcile");

    timer.fire();
    runner.runAll();
    assertThat(host.count("reconcile")).isEqualTo(reconciles);
    assertThat(scheduler.state().lastResult())
        .as("a no-op repair leaves no trace")
        .contains("error");

    scheduler.trigger(Optional.of(B));
    runner.runAll();
    assertThat(host.count("reconcile")).isEqualTo(reconciles + 1);
    assertThat(scheduler.state().lastResult()).contains("ok");
    assertThat(scheduler.state().lastError()).isEmpty();
  }

  @Test
  void aRepairThatKeepsFailing_isRetriedByPollsLessAndLessOften_butATriggerRunsAtOnce() {
    Scheduler scheduler = started();
    host.failRepairs(new IllegalStateException("web exited (4)"));
    long before = host.count("repair");

    for (int poll = 0; poll < 8; poll++) {
      timer.fire();
      runner.runAll();
    }
    // polls 1, 2, 4 and 8 repair: one, then one in two, then one in four
    assertThat(host.count("repair") - before).isEqualTo(4);
    assertThat(scheduler.state().lastError()).contains("drift repair failed: web exited (4)");
    assertThat(log.text()).contains("the next 7 polls skip the repair (a trigger runs it now)");

    host.failRepairs(null);
    scheduler.trigger(Optional.of(A));
    runner.runAll();
    assertThat(scheduler.state().lastError()).isEmpty();
    long afterTrigger = host.count("repair");
    timer.fire();
    runner.runAll();
    assertThat(host.count("repair"))
        .as("a reconcile that succeeded ends the backoff: the next poll repairs")
        .isEqualTo(afterTrigger + 1);
  }

  @Test
  void aRepairThatChangedTheHost_isRecordedAsARun() {
    Scheduler scheduler = started();
    host.repairChanges(true);
    clock.advance(Duration.ofMinutes(5));

    timer.fire();
    runner.runAll();

    assertThat(scheduler.state().lastStartedAt()).contains(clock.instant());
    assertThat(log.text()).contains("repaired drift");
  }

  @Test
  void whenGitLabCannotTellTheHead_aPollStillRepairsDrift_andTheStatusSaysWhyUntilItCanAgain() {
    Scheduler scheduler = started();
    host.headFails(new IllegalStateException("GitLab: 503"));

    timer.fire();
    runner.runAll();

    assertThat(host.calls()).endsWith("head", "repair");
    assertThat(log.text()).contains("cannot read the branch head: GitLab: 503");
    assertThat(scheduler.state().lastResult()).contains("error");
    assertThat(scheduler.state().lastError()).contains("cannot read the branch head: GitLab: 503");

    timer.fire();
    runner.runAll();
    assertThat(scheduler.state().lastError()).as("still unreadable").isPresent();

    host.headFails(null);
    timer.fire();
    runner.runAll();
    assertThat(scheduler.state().lastResult()).contains("ok");
    assertThat(scheduler.state().lastError()).isEmpty();
    assertThat(log.text()).contains("the branch head can be read again");
    var recovered = scheduler.state().lastStartedAt();

    clock.advance(Duration.ofMinutes(5));
    timer.fire();
    runner.runAll();
    assertThat(scheduler.state().lastStartedAt())
        .as("a no-op poll after that leaves no trace")
        .isEqualTo(recovered);
  }

  @Test
  void aSourceErrorOverAFailedDeployment_givesWayToThatFailureWhenGitLabAnswersAgain() {
    Scheduler scheduler = started();
    host.commit(B, "hash-b").head(B);
    host.failNextReconcile(
        Reports.failed(ReconcileStatus.FAILED_ROLLED_BACK, B, "hash-b", "verification failed"));
    scheduler.trigger(Optional.of(B));
    runner.runAll();
    host.headFails(new IllegalStateException("GitLab: 503"));
    timer.fire();
    runner.runAll();
    assertThat(scheduler.state().lastError()).contains("cannot read the branch head: GitLab: 503");

    host.headFails(null);
    timer.fire();
    runner.runAll();

    assertThat(scheduler.state().lastResult()).contains("error");
    assertThat(scheduler.state().lastError().orElseThrow()).contains("verification failed");
  }

  @Test
  void aHeadThatCannotBeRead_isTheLastError_untilAPollReadsItAgain() {
    Scheduler scheduler = started();
    host.headFails(
        new IllegalStateException(
            "the SSH host key of [git.example.com]:22 is not in known_hosts"));
    clock.advance(Duration.ofMinutes(5));

    timer.fire();
    runner.runAll();

    assertThat(scheduler.state().lastResult()).contains("error");
    assertThat(scheduler.state().lastError())
        .hasValueSatisfying(
            e -> assertThat(e).contains("cannot read the branch head").contains("known_hosts"));
    assertThat(scheduler.state().lastFinishedAt()).contains(clock.instant());
    assertThat(log.lines())
        .as("logged as a warning")
        .anyMatch(l -> l.startsWith("<4>") && l.contains("known_hosts"));

    host.headFails(null);
    clock.advance(Duration.ofMinutes(5));
    timer.fire();
    runner.runAll();

    assertThat(scheduler.state().lastResult()).contains("ok");
    assertThat(scheduler.state().lastError()).isEmpty();
    assertThat(host.count("reconcile")).as("the head did not move").isEqualTo(1);
    assertThat(log.text()).contains("the branch head can be read again");
  }

  @Test
  void triggersBeforeStart_waitForTheStartRun() {
    Scheduler scheduler = scheduler(runner);
    assertThat(scheduler.trigger(Optional.of(A))).isEqualTo(TriggerOutcome.QUEUED);
    assertThat(runner.pending()).isZero();

    scheduler.start();
    runner.runAll();

    assertThat(host.calls()).startsWith("recover");
    assertThat(host.count("reconcile")).isEqualTo(2); // the start poll, then the follow-up
  }

  @Test
  void close_stopsPollsAndRefusesTriggers() {
    Scheduler scheduler = started();

    scheduler.close();

    assertThat(timer.cancelled()).isTrue();
    assertThat(scheduler.trigger(Optional.of(A))).isEqualTo(TriggerOutcome.REFUSED);
    assertThat(scheduler.poll()).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
