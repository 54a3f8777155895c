package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.ContainerSpec;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host ports are checked before anything is stopped, so a taken port costs no outage. */
class PreflightTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private static ContainerSpec web(ImageRef image, String... publish) {
    return ContainerSpec.builder("web", image).publish(List.of(publish)).build();
  }

  @Test
  void aPortHeldByAnotherProcess_failsBeforeTheRunningContainerIsStopped() {
    h.reconcile(h.folder(descriptor("demo", web(WEB_V1, "8080:80"))));
    String before = h.docker.container("web").orElseThrow().id;
    h.docker.hostProcessHolds(9090, "tcp");

    ReconcileException e = h.reconcileFails(h.folder(descriptor("demo", web(WEB_V2, "9090:80"))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage())
        .contains("host port 9090/tcp (container web) is in use by another process")
        .contains("nothing was stopped");
    assertThat(h.docker.container("web").orElseThrow().id).isEqualTo(before);
    assertThat(h.docker.container("web").orElseThrow().running).isTrue();
  }

  @Test
  void aPortHeldByTheContainerThisPlanReplaces_isFine() {
    h.reconcile(h.folder(descriptor("demo", web(WEB_V1, "8080:80"))));
    // the container's own proxy holds the port on the host, as Docker's userland proxy does
    h.docker.hostProcessHolds(8080, "tcp");

    ReconcileReport report = h.reconcile(h.folder(descriptor("demo", web(WEB_V2, "8080:80"))));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.durations()).containsKey("preflight");
  }

  @Test
  void aPortPublishedByAnotherDeploymentsContainer_isNamed() {
    // another deployment, with its own state root, on the same engine
    new Reconciler(h.contextBuilder().stateRoot(tmp.resolve("other-state")).build())
        .reconcile(
            ReconcileRequest.reconcile(
                h.folder(descriptor("other", web(WEB_V1, "127.0.0.1:7000:80")))));

    ReconcileException e =
        h.reconcileFails(
            h.folder(
                descriptor(
                    "demo",
                    ContainerSpec.builder("api", DB_V1).publish(List.of("7000:80")).build())));

    assertThat(e.getMessage())
        .contains("host port 7000/tcp (container api)")
        .contains("already published by container web");
    assertThat(h.docker.container("api")).isEmpty();
  }

  @Test
  void thePortsOfOneDeploymentMayNotCollide_andUdpIsNotTcp() {
    ReconcileException e =
        h.reconcileFails(
            h.folder(
                descriptor(
                    "demo",
                    web(WEB_V1, "5353:53/udp", "5353:53"),
                    ContainerSpec.builder("db", DB_V1).publish(List.of("5353:53/udp")).build())));

    assertThat(e.getMessage()).contains("5353/udp").contains("published by both web and db");
    assertThat(e.getMessage()).doesNotContain("5353/tcp");
  }

  @Test
  void aDryRunReportsTheConflictToo() {
    h.docker.hostProcessHolds(8443, "tcp");

    ReconcileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReconcileException.class,
            () ->
                h.reconciler()
                    .reconcile(
                        ReconcileRequest.dryRun(
                            h.folder(descriptor("demo", web(WEB_V1, "8443:443"))))));

    assertThat(e.getMessage()).contains("8443/tcp");
    assertThat(h.docker.mutatingCalls()).isEmpty();
  }
}
