package io.stow.daemon.notify;

import static io.stow.daemon.notify.RunReports.COMMIT;
import static io.stow.daemon.notify.RunReports.finished;
import static io.stow.daemon.notify.RunReports.reconcile;
import static io.stow.daemon.notify.RunReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.schedule.RunListener.Kind;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileStatus;
import io.stow.model.config.NotifyEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEventsTest {

  private final DeploymentFacts facts = new DeploymentFacts();
  private final RunEvents events = new RunEvents("host-1", "folder-1", facts);

  private Optional<NotifyEvent> eventOf(io.stow.daemon.schedule.RunListener.Finished run) {
    return events.of(run).map(Notification::event);
  }

  @Test
  void aReconcile_isDeployedWhenItChangedTheHost_andNothingWhenItDidNot() {
    assertThat(eventOf(reconcile(ReconcileStatus.SUCCEEDED, true))).contains(NotifyEvent.DEPLOYED);
    assertThat(eventOf(reconcile(ReconcileStatus.SUCCEEDED, false))).isEmpty();
  }

  @Test
  void aFailedRun_isToldByItsStatus() {
    assertThat(eventOf(reconcile(ReconcileStatus.FAILED_BEFORE_CHANGES, false)))
        .contains(NotifyEvent.FAILED);
    assertThat(eventOf(reconcile(ReconcileStatus.FAILED_ROLLED_BACK, true)))
        .contains(NotifyEvent.ROLLED_BACK);
    assertThat(eventOf(reconcile(ReconcileStatus.FAILED_ROLLBACK_FAILED, true)))
        .contains(NotifyEvent.ROLLBACK_FAILED);
    assertThat(
            eventOf(finished(Kind.RECONCILE, Optional.empty(), Optional.of("GitLab answered 503"))))
        .contains(NotifyEvent.FAILED);
  }

  @Test
  void aRepairThatChangedTheHost_isDriftRepaired() {
    assertThat(
            eventOf(
                finished(
                    Kind.REPAIR,
                    Optional.of(
                        report(
                            ReconcileMode.REPAIR,
                            ReconcileStatus.SUCCEEDED,
                            true,
                            Optional.empty())),
                    Optional.empty())))
        .contains(NotifyEvent.DRIFT_REPAIRED);
    assertThat(
            eventOf(
                finished(
                    Kind.REPAIR,
                    Optional.of(
                        report(
                            ReconcileMode.REPAIR,
                            ReconcileStatus.FAILED_ROLLED_BACK,
                            true,
                            Optional.of("x"))),
                    Optional.of("drift repair failed: x"))))
        .contains(NotifyEvent.ROLLED_BACK);
  }

  @Test
  void theRecoveryOfAnInterruptedApply_isARollback() {
    assertThat(
            eventOf(
                finished(
                    Kind.RECOVERY,
                    Optional.of(
                        report(
                            ReconcileMode.RECOVERY,
                            ReconcileStatus.SUCCEEDED,
                            true,
                            Optional.empty())),
                    Optional.empty())))
        .contains(NotifyEvent.ROLLED_BACK);
    assertThat(eventOf(finished(Kind.RECOVERY, Optional.empty(), Optional.of("it failed"))))
        .contains(NotifyEvent.ROLLBACK_FAILED);
  }

  @Test
  void aRolledBackNotification_carriesTheRunsFacts_linksFromTheDescriptor_andNoSecret() {
    Notification n = events.of(reconcile(ReconcileStatus.FAILED_ROLLED_BACK, true)).orElseThrow();

    assertThat(n.host()).isEqualTo("host-1");
    assertThat(n.folder()).isEqualTo("folder-1");
    assertThat(n.deployment()).contains("shop");
    assertThat(n.commit()).contains(COMMIT);
    assertThat(n.deploymentHash()).contains(RunReports.HASH);
    assertThat(n.previousHash()).contains(RunReports.PREVIOUS);
    assertThat(n.run()).isEqualTo("reconcile");
    assertThat(n.result()).isEqualTo("failed-rolled-back");
    assertThat(n.reason()).contains("verification failed: web exited (3)");
    assertThat(n.rollback().orElseThrow().targetHash()).contains(RunReports.PREVIOUS);
    assertThat(n.containers())
        .extracting(Notification.ContainerLine::result)
        .containsExactly("started");
    assertThat(n.links().orElseThrow().status())
        .isEqualTo("https://host-1.example.com:17403/status?head_hash=" + COMMIT);
    assertThat(n.links().orElseThrow().dashboard()).isEqualTo("https://host-1.example.com:17403/");
    assertThat(n.toString()).doesNotContain(RunReports.SECRET);
    assertThat(JsonFormat.document(n).toString()).doesNotContain(RunReports.SECRET);
  }
}
