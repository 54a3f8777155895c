package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.descriptor;
import static io.stow.engine.TestDescriptors.stoppingWithin;
import static io.stow.engine.TestDescriptors.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.FakeDockerHost.Stop;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback stops each container with the stop timeout of the descriptor it belongs to: the
 * restored snapshot's for the containers it restores over, the failed deployment's for the ones it
 * removes, the engine's default (7 s here, not Docker's 10 s) when that descriptor sets none.
 */
class RollbackStopTimeoutTest {

  private static final Duration ENGINE_DEFAULT = Duration.ofSeconds(7);

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  /** One container at a time, so what a crash mid-apply leaves behind does not vary. */
  private ReconcileContext.Builder context() {
    return h.contextBuilder().defaultStopTimeout(ENGINE_DEFAULT).applyConcurrency(1);
  }

  private Reconciler reconciler() {
    return new Reconciler(context().build());
  }

  private static ContainerSpec container(String name, ImageRef image) {
    return ContainerSpec.builder(name, image).build();
  }

  private static Descriptor demo(ContainerSpec... containers) {
    return descriptor("demo", verify(30, 5), List.of(), containers);
  }

  private ReconcileException reconcileFails(LocalDirectorySource folder) {
    Reconciler reconciler = reconciler();
    return org.junit.jupiter.api.Assertions.assertThrows(
        ReconcileException.class, () -> reconciler.reconcile(ReconcileRequest.reconcile(folder)));
  }

  @Test
  void rollback_stopsRestoredOverContainersWithTheSnapshotsTimeoutAndRemovedOnesWithTheFailed() {
    reconciler()
        .reconcile(
            ReconcileRequest.reconcile(
                h.folder(demo(container("web", WEB_V1), stoppingWithin("db", DB_V1, 45)))));
    h.docker.behaviour(WEB_V2, FakeDockerHost.exitsImmediately());
    int before = h.docker.stops().size();
    boolean[] rollingBack = {false};
    int[] forwardStops = {0};
    Reconciler watching =
        new Reconciler(
            context()
                .events(
                    event -> {
                      if (event instanceof ReconcileEvent.RollbackStarted && !rollingBack[0]) {
                        rollingBack[0] = true;
                        forwardStops[0] = h.docker.stops().size();
                      }
                    })
                .build());

    LocalDirectorySource v2 =
        h.folder(
            demo(
                container("web", WEB_V2),
                stoppingWithin("db", DB_V1, 5),
                stoppingWithin("cache", DB_V1, 30)));
    ReconcileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReconcileException.class, () -> watching.reconcile(ReconcileRequest.reconcile(v2)));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    List<Stop> all = h.docker.stops();
    // the apply of v2 stops v1's containers with v2's timeouts (web sets none)
    assertThat(all.subList(before, forwardStops[0]))
        .containsExactlyInAnyOrder(Stop.of("web", 7), Stop.of("db", 5));
    // the rollback: db is restored over with the snapshot's 45 s, cache (only in v2) removed with
    // v2's 30 s; the failed web had exited, so it needs no stop
    assertThat(all.subList(forwardStops[0], all.size()))
        .containsExactlyInAnyOrder(Stop.of("db", 45), Stop.of("cache", 30));
  }

  @Test
  void failedFirstDeployment_removesItsContainersWithTheirOwnStopTimeouts() {
    h.docker.behaviour(WEB_V2, FakeDockerHost.exitsImmediately());

    ReconcileException e =
        reconcileFails(
            h.folder(
                demo(
                    container("web", WEB_V2),
                    stoppingWithin("db", DB_V1, 40),
                    container("cache", DB_V1))));

    assertThat(e.report().rollback().orElseThrow().kind())
        .isEqualTo(RollbackReport.Kind.REMOVE_FAILED_CONTAINERS);
    assertThat(h.docker.stops()).containsExactlyInAnyOrder(Stop.of("db", 40), Stop.of("cache", 7));
    assertThat(h.docker.containers()).isEmpty();
  }

  @Test
  void recovery_stopsTheInterruptedDeploymentsContainersWithItsTimeouts() {
    reconciler()
        .reconcile(
            ReconcileRequest.reconcile(
                h.folder(demo(container("web", WEB_V1), stoppingWithin("db", DB_V1, 45)))));
    h.docker.crashOnStart("web");
    LocalDirectorySource v2 =
        h.folder(
            demo(
                stoppingWithin("cache", DB_V1, 30),
                stoppingWithin("db", DB_V1, 5),
                container("web", WEB_V2)));
    assertThatThrownBy(() -> reconciler().reconcile(ReconcileRequest.reconcile(v2)))
        .isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    h.docker.clearCrashes();
    // the "process" died starting web: cache and db of v2 run
    assertThat(h.docker.container("db").orElseThrow().running).isTrue();
    int before = h.docker.stops().size();

    ReconcileReport report = reconciler().recoverInterruptedApply().orElseThrow();

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.warnings()).noneMatch(w -> w.contains("cannot read"));
    // cache exists only in the interrupted deployment: its 30 s; db is restored over with v1's 45 s
    assertThat(h.docker.stopsSince(before))
        .containsExactlyInAnyOrder(Stop.of("cache", 30), Stop.of("db", 45));
  }

  @Test
  void recovery_removesAnInterruptedFirstDeploymentWithItsTimeouts() {
    h.docker.crashOnStart("web");
    LocalDirectorySource v1 =
        h.folder(demo(stoppingWithin("cache", DB_V1, 30), container("web", WEB_V1)));
    assertThatThrownBy(() -> reconciler().reconcile(ReconcileRequest.reconcile(v1)))
        .isInstanceOf(FakeDockerHost.SimulatedCrash.class);
    h.docker.clearCrashes();
    assertThat(h.docker.container("cache").orElseThrow().running).isTrue();

    reconciler().recoverInterruptedApply().orElseThrow();

    assertThat(h.docker.stops()).containsExactly(Stop.of("cache", 30));
    assertThat(h.docker.containers()).isEmpty();
  }
}
