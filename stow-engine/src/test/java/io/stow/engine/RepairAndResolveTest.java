package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.plan.PlannedAction;
import io.stow.engine.source.LocalDirectorySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's side doors: drift repair from the running snapshot, hash resolution, status. */
class RepairAndResolveTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private LocalDirectorySource v1() {
    return h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1)));
  }

  @Test
  void repair_bringsBackAContainerRemovedByHandFromTheSnapshotAlone() throws IOException {
    String hash = h.reconcile(v1()).hashes().orElseThrow().deploymentHash();
    h.docker.remove(h.docker.container("web").orElseThrow().id);
    List<String> stateBefore = h.stateListing();

    ReconcileReport report = h.reconciler().repair();

    assertThat(report.mode()).isEqualTo(ReconcileMode.REPAIR);
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::container, PlannedAction::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", "missing"),
            org.assertj.core.groups.Tuple.tuple("db", "up-to-date"));
    assertThat(h.docker.container("web").orElseThrow().running).isTrue();
    assertThat(h.docker.container("web").orElseThrow().labels)
        .containsEntry("stow.hash", "v1:" + hash);
    assertThat(report.verification().orElseThrow().passed()).isTrue();
    assertThat(report.durations()).doesNotContainKeys("stage", "decrypt", "hash", "snapshot");
    assertThat(h.stateListing()).isEqualTo(stateBefore);
  }

  @Test
  void repair_changesNothingWhenNothingDrifted() {
    h.reconcile(v1());
    int mutating = h.docker.mutatingCalls().size();

    ReconcileReport report = h.reconciler().repair();

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().isNoop()).isTrue();
    assertThat(h.docker.mutatingCalls()).hasSize(mutating);
  }

  @Test
  void repair_onAHostWithNothingDeployed_doesNothing() {
    ReconcileReport report = h.reconciler().repair();

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan()).isEmpty();
    assertThat(h.docker.mutatingCalls()).isEmpty();
  }

  @Test
  void resolve_givesTheHashAReconcileDeploysAndTouchesNothing() throws IOException {
    LocalDirectorySource source = v1();

    ResolvedRevision resolved = h.reconciler().resolve(source);

    assertThat(resolved.revision()).isEqualTo("local");
    assertThat(h.docker.calls()).isEmpty();
    assertThat(h.stateRoot.resolve("running-config")).doesNotExist();
    assertThat(h.stateRoot.resolve(".stow/lock")).doesNotExist();
    assertThat(h.reconcile(source).hashes()).contains(resolved.hashes());
  }

  @Test
  void status_namesTheRunningDeploymentAndItsContainers() {
    assertThat(h.reconciler().status().deploymentHash()).isEmpty();
    String hash = h.reconcile(v1()).hashes().orElseThrow().deploymentHash();
    h.docker.stop(h.docker.container("db").orElseThrow().id, java.time.Duration.ZERO);

    HostStatus status = h.reconciler().status();

    assertThat(status.deploymentName()).contains("demo");
    assertThat(status.deploymentHash()).contains(hash);
    assertThat(status.revision()).contains("local");
    assertThat(status.applyOpen()).isFalse();
    assertThat(status.containers())
        .extracting(HostStatus.Container::name, HostStatus.Container::running)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("web", true),
            org.assertj.core.groups.Tuple.tuple("db", false));
  }
}
