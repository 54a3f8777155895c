package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static io.stow.engine.TestDescriptors.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private Path runningConfig() {
    return h.stateRoot.resolve(SnapshotStore.RUNNING_CONFIG);
  }

  private Path previousLink() {
    return h.stateRoot.resolve(SnapshotStore.PREVIOUS);
  }

  private static Descriptor v1() {
    return descriptor(
        "demo", verify(30, 5), List.of(), container("web", WEB_V1), container("db", DB_V1));
  }

  private static Descriptor v2() {
    return descriptor("demo", verify(30, 5), List.of(), container("web", WEB_V2));
  }

  private String deployV1() {
    return h.reconcile(h.folder(v1())).hashes().orElseThrow().deploymentHash();
  }

  @Test
  void rollback_restoresPreviousDeploymentWhenVerificationFails() throws IOException {
    String v1 = deployV1();
    h.docker.behaviour(WEB_V2, FakeDockerHost.exitsImmediately());

    ReconcileException e = h.reconcileFails(h.folder(v2()));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(e.getMessage()).contains("web: not running", "rolled back to v1:" + v1);
    RollbackReport rollback = e.report().rollback().orElseThrow();
    assertThat(rollback.kind()).isEqualTo(RollbackReport.Kind.RESTORE_PREVIOUS);
    assertThat(rollback.succeeded()).isTrue();
    assertThat(rollback.targetHash()).contains(v1);
    assertThat(rollback.plan().orElseThrow().actions())
        .extracting(PlannedAction::container, PlannedAction::kind)
        .containsExactly(tuple("web", ActionKind.REPLACE), tuple("db", ActionKind.REPLACE));
    assertThat(rollback.verification().orElseThrow().passed()).isTrue();
    // the host runs v1 again, and the state says so
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V1.pinned());
    assertThat(h.docker.container("web").orElseThrow().labels)
        .containsEntry(StowLabels.HASH, "v1:" + v1);
    assertThat(h.docker.container("db").orElseThrow().running).isTrue();
    assertThat(runningConfig().toRealPath())
        .isEqualTo(h.stateRoot.resolve(".stow/snapshots/" + v1).toRealPath());
    assertThat(previousLink()).doesNotExist();
    assertThat(e.report().verification().orElseThrow().passed()).isFalse();
    assertThat(h.events.of(ReconcileEvent.RollbackStarted.class)).hasSize(1);
  }

  @Test
  void rollback_restoresPreviousDeploymentWhenApplyFails() throws IOException {
    String v1 = deployV1();
    h.docker.failCreate("cache");

    ReconcileException e =
        h.reconcileFails(
            h.folder(
                descriptor(
                    "demo",
                    verify(30, 5),
                    List.of(),
                    container("web", WEB_V2),
                    container("cache", DB_V1))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(e.getMessage()).contains("create cache: scripted failure");
    assertThat(e.report().containers())
        .extracting(ContainerOutcome::container, ContainerOutcome::result)
        .containsExactly(
            tuple("web", ContainerOutcome.Result.STARTED),
            tuple("cache", ContainerOutcome.Result.FAILED),
            tuple("db", ContainerOutcome.Result.DELETED));
    assertThat(e.report().verification()).isEmpty();
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V1.pinned());
    assertThat(h.docker.container("db").orElseThrow().running).isTrue();
    assertThat(h.docker.container("cache")).isEmpty();
    assertThat(runningConfig().toRealPath().getFileName().toString()).isEqualTo(v1);
  }

  @Test
  void rollback_firstDeploymentFailureRemovesContainersAndKeepsTheirLogs() {
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());
    h.docker.logs("web", IntStream.rangeClosed(1, 80).mapToObj(i -> "log line " + i).toList());

    ReconcileException e = h.reconcileFails(h.folder(v1()));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(e.getMessage()).contains("no previous deployment", "removed");
    RollbackReport rollback = e.report().rollback().orElseThrow();
    assertThat(rollback.kind()).isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(rollback.succeeded()).isTrue();
    assertThat(rollback.containerLogs()).containsOnlyKeys("web", "db");
    assertThat(rollback.containerLogs().get("web"))
        .hasSize(50)
        .startsWith("log line 31")
        .endsWith("log line 80");
    assertThat(h.docker.containers()).isEmpty();
    assertThat(runningConfig()).doesNotExist();
    assertThat(previousLink()).doesNotExist();
  }

  @Test
  void rollback_firstDeploymentFailureLeavesTheHostAsNeverDeployed() {
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());
    h.reconcileFails(h.folder(v1()));
    h.docker.clearBehaviour("web");

    // deployment.name is not pinned by a failed first deployment
    ReconcileReport report =
        h.reconcile(
            h.folder(descriptor("other", verify(30, 5), List.of(), container("web", WEB_V1))));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
  }

  @Test
  void rollback_failureIsReportedLoudly() {
    deployV1();
    h.docker.behaviour(WEB_V2, FakeDockerHost.exitsImmediately());
    // the previous image is gone and cannot be pulled any more
    h.docker.removeImage(WEB_V1).failPull(WEB_V1);

    ReconcileException e = h.reconcileFails(h.folder(v2()));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLBACK_FAILED);
    assertThat(e.getMessage())
        .contains(
            "ROLLBACK FAILED",
            "pull",
            WEB_V1.toString(),
            "needs an operator",
            "label=stow.deployment=demo");
    RollbackReport rollback = e.report().rollback().orElseThrow();
    assertThat(rollback.succeeded()).isFalse();
    assertThat(rollback.error()).hasValueSatisfying(m -> assertThat(m).contains("pull"));
  }

  @Test
  void rollback_failingVerificationOfThePreviousDeploymentIsReportedLoudly() {
    deployV1();
    h.docker.behaviour(WEB_V2, FakeDockerHost.exitsImmediately());
    h.docker.behaviour(WEB_V1, FakeDockerHost.crashLoops());

    ReconcileException e = h.reconcileFails(h.folder(v2()));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLBACK_FAILED);
    assertThat(e.report().rollback().orElseThrow().verification().orElseThrow().passed()).isFalse();
    assertThat(e.getMessage()).contains("ROLLBACK FAILED", "restored deployment");
  }

  @Test
  void recovery_rollsBackAnInterruptedApplyBeforeAnythingElse() throws IOException {
    String v1 = deployV1();
    h.docker.crashOnStart("web");
    LocalDirectorySource v2 = h.folder(v2());
    assertThatThrownBy(() -> h.reconcile(v2)).isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    // the "process" died mid-apply: the previous link is still there, web created but not started
    assertThat(previousLink()).exists();
    assertThat(h.docker.container("web").orElseThrow().running).isFalse();
    h.docker.clearCrashes();
    h.events.clear();

    ReconcileReport report = h.reconcile(v2);

    RollbackReport recovery = report.recovery().orElseThrow();
    assertThat(recovery.succeeded()).isTrue();
    assertThat(recovery.targetHash()).contains(v1);
    assertThat(report.warnings()).anyMatch(w -> w.contains("an earlier apply did not finish"));
    assertThat(h.events.of(ReconcileEvent.RollbackStarted.class))
        .singleElement()
        .extracting(ReconcileEvent.RollbackStarted::recovery)
        .isEqualTo(true);
    // after recovery, the requested reconcile ran normally from v1 to v2
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.runningHash()).contains(v1);
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V2.pinned());
    assertThat(previousLink()).doesNotExist();
  }

  @Test
  void recoverInterruptedApply_restoresThePreviousSnapshot() throws IOException {
    String v1 = deployV1();
    h.docker.crashOnStart("web");
    LocalDirectorySource v2 = h.folder(v2());
    assertThatThrownBy(() -> h.reconcile(v2)).isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    h.docker.clearCrashes();

    ReconcileReport report = h.reconciler().recoverInterruptedApply().orElseThrow();

    assertThat(report.mode()).isEqualTo(ReconcileMode.RECOVERY);
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.recovery().orElseThrow().targetHash()).contains(v1);
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V1.pinned());
    assertThat(runningConfig().toRealPath().getFileName().toString()).isEqualTo(v1);
    assertThat(previousLink()).doesNotExist();
  }

  @Test
  void failedFirstDeployment_removesOnlyTheContainersItCreated() {
    // a host moved from another tool: db already runs this deployment, stow's state is empty
    LocalDirectorySource folder = h.folder(v1());
    String hash =
        h.reconciler()
            .reconcile(ReconcileRequest.dryRun(folder))
            .hashes()
            .orElseThrow()
            .deploymentHash();
    h.docker.addContainer(
        "db",
        DB_V1.toString(),
        java.util.Map.of(StowLabels.DEPLOYMENT, "demo", StowLabels.HASH, "v1:" + hash),
        true);
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());

    ReconcileException e = h.reconcileFails(folder);

    RollbackReport rollback = e.report().rollback().orElseThrow();
    assertThat(rollback.kind()).isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(rollback.containers())
        .extracting(ContainerOutcome::container)
        .containsExactly("web");
    assertThat(h.docker.container("web")).isEmpty();
    assertThat(h.docker.container("db").orElseThrow().running).isTrue();
  }

  @Test
  void aBugDuringApply_isReportedAsABugAndLeftForTheNextRunToRollBack() throws IOException {
    deployV1();
    h.docker.failCreateWith("web", new IllegalStateException("unexpected state"));

    ReconcileException e = h.reconcileFails(h.folder(v2()));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLBACK_FAILED);
    assertThat(e.getMessage())
        .contains("internal error in stow (a bug")
        .contains("IllegalStateException: unexpected state")
        .contains("nothing was rolled back");
    assertThat(e.report().rollback()).isEmpty();
    assertThat(previousLink()).exists();

    h.docker.failCreateWith("web", null);
    ReconcileReport next = h.reconcile(h.folder(v1()));
    assertThat(next.recovery()).isPresent();
    assertThat(previousLink()).doesNotExist();
  }

  @Test
  void aDockerFailureWhileRemovingAFailedFirstDeployment_endsInAReconcileException() {
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());
    Reconciler reconciler =
        new Reconciler(
            h.contextBuilder()
                .events(
                    event -> {
                      if (event instanceof ReconcileEvent.RollbackStarted) {
                        h.docker.failListing(
                            new io.stow.docker.DockerOperationException(
                                "list", "containers", "engine is down"));
                      }
                    })
                .build());

    assertThatThrownBy(() -> reconciler.reconcile(ReconcileRequest.reconcile(h.folder(v1()))))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLBACK_FAILED);
              assertThat(e.getMessage()).contains("ROLLBACK FAILED").contains("engine is down");
              assertThat(e.report().rollback().orElseThrow().error())
                  .hasValueSatisfying(m -> assertThat(m).contains("engine is down"));
              assertThat(e.report().verification()).isPresent();
            });
  }

  /** A reconciler whose Docker engine stops answering at the first verification poll. */
  private Reconciler engineGoesDownDuringVerification(int pingsUntilBack) {
    boolean[] done = {false};
    return new Reconciler(
        h.contextBuilder()
            .events(
                event -> {
                  h.events.on(event);
                  if (event instanceof ReconcileEvent.VerificationTick && !done[0]) {
                    done[0] = true;
                    h.docker.engineDown(pingsUntilBack);
                  }
                })
            .build());
  }

  @Test
  void anEngineRestartDuringVerification_failsItThenWaitsForTheEngineAndRollsBack() {
    String v1 = deployV1();

    ReconcileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReconcileException.class,
            () ->
                engineGoesDownDuringVerification(5)
                    .reconcile(ReconcileRequest.reconcile(h.folder(v2()))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(e.report().verification().orElseThrow().lastProblems())
        .contains("the Docker engine is not answering");
    assertThat(e.report().warnings())
        .anySatisfy(w -> assertThat(w).contains("waiting up to 60s for it before rolling back"));
    assertThat(e.report().rollback().orElseThrow().targetHash()).contains(v1);
    assertThat(h.docker.container("web").orElseThrow().labels)
        .containsEntry(StowLabels.HASH, "v1:" + v1);
  }

  @Test
  void anEngineThatNeverComesBack_failsTheRollbackLoudlyAndKeepsThePreviousSnapshot() {
    deployV1();

    ReconcileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReconcileException.class,
            () ->
                engineGoesDownDuringVerification(0)
                    .reconcile(ReconcileRequest.reconcile(h.folder(v2()))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLBACK_FAILED);
    assertThat(e.getMessage()).contains("did not answer within 60s").contains("ROLLBACK FAILED");
    assertThat(previousLink()).exists();
  }

  @Test
  void recoverInterruptedApply_isEmptyWhenNothingWasInterrupted() {
    deployV1();
    int calls = h.docker.calls().size();

    assertThat(h.reconciler().recoverInterruptedApply()).isEmpty();
    assertThat(h.docker.calls()).hasSize(calls);
  }

  private Path firstApplyMarker() {
    return h.stateRoot.resolve(".stow/first-apply");
  }

  @Test
  void firstApplyMarker_isOpenOnlyWhileTheFirstDeploymentIsUnverified() {
    h.docker.crashOnStart("web");
    LocalDirectorySource folder = h.folder(v1());
    assertThatThrownBy(() -> h.reconcile(folder)).isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    // the deployment, then the containers this apply creates: what a recovery removes
    assertThat(firstApplyMarker()).content().startsWith("demo\n").contains("\nweb\n");
    h.docker.clearCrashes();

    h.reconcile(folder);
    assertThat(firstApplyMarker()).doesNotExist();

    h.reconcile(h.folder(v2()));
    assertThat(firstApplyMarker()).doesNotExist();
  }

  @Test
  void recovery_removesAnInterruptedFirstDeploymentThenDeploysItAgain() {
    h.docker.crashOnStart("web");
    LocalDirectorySource folder = h.folder(v1());
    assertThatThrownBy(() -> h.reconcile(folder)).isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    h.docker.clearCrashes();
    h.events.clear();

    ReconcileReport report = h.reconcile(folder);

    RollbackReport recovery = report.recovery().orElseThrow();
    assertThat(recovery.kind()).isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(recovery.succeeded()).isTrue();
    assertThat(report.warnings()).anyMatch(w -> w.contains("first apply of 'demo' did not finish"));
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.verification().orElseThrow().passed()).isTrue();
    assertThat(h.docker.container("web").orElseThrow().running).isTrue();
    assertThat(firstApplyMarker()).doesNotExist();
  }

  @Test
  void recovery_reverifiesAFirstDeploymentKilledDuringVerification() throws IOException {
    LocalDirectorySource folder = h.folder(v1());
    String hash = h.reconcile(folder).hashes().orElseThrow().deploymentHash();
    // what a kill between start and commit leaves: containers running, the first apply still open
    new SnapshotStore(h.stateRoot, java.time.Clock.systemUTC())
        .openFirstApply("demo", java.util.Set.of());
    h.events.clear();

    ReconcileReport report = h.reconcile(folder);

    // not the "already running" shortcut: the containers were replaced and verified again
    assertThat(report.recovery().orElseThrow().kind())
        .isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::kind)
        .containsOnly(ActionKind.REPLACE);
    assertThat(report.verification().orElseThrow().passed()).isTrue();
    assertThat(report.hashes().orElseThrow().deploymentHash()).isEqualTo(hash);
    assertThat(runningConfig().toRealPath().getFileName().toString()).isEqualTo(hash);
    assertThat(firstApplyMarker()).doesNotExist();
  }

  @Test
  void recoverInterruptedApply_removesAnInterruptedFirstDeployment() {
    h.docker.crashOnStart("web");
    LocalDirectorySource folder = h.folder(v1());
    assertThatThrownBy(() -> h.reconcile(folder)).isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    h.docker.clearCrashes();

    ReconcileReport report = h.reconciler().recoverInterruptedApply().orElseThrow();

    assertThat(report.mode()).isEqualTo(ReconcileMode.RECOVERY);
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(h.docker.containers()).isEmpty();
    assertThat(runningConfig()).doesNotExist();
    assertThat(firstApplyMarker()).doesNotExist();
  }
}
