package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.descriptor;
import static io.stow.engine.TestDescriptors.stoppingWithin;
import static io.stow.engine.TestDescriptors.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.FakeDockerHost.Stop;
import io.stow.engine.plan.ActionKind;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container dropped from stow.yaml is stopped with the stop timeout the running deployment
 * declared for it, as a rollback stops what it removes: the engine's default (7 s here, not
 * Docker's 10 s) only when the running deployment set none, or cannot be read.
 */
class DeleteStopTimeoutTest {

  private static final Duration ENGINE_DEFAULT = Duration.ofSeconds(7);

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private Reconciler reconciler() {
    return new Reconciler(h.contextBuilder().defaultStopTimeout(ENGINE_DEFAULT).build());
  }

  private static ContainerSpec container(String name, ImageRef image) {
    return ContainerSpec.builder(name, image).build();
  }

  private static Descriptor demo(ContainerSpec... containers) {
    return descriptor("demo", verify(30, 5), List.of(), containers);
  }

  @Test
  void delete_stopsTheDroppedContainerWithTheRunningDeploymentsStopTimeout() {
    reconciler()
        .reconcile(
            ReconcileRequest.reconcile(
                h.folder(
                    demo(
                        container("web", WEB_V1),
                        stoppingWithin("db", DB_V1, 45),
                        container("cache", DB_V1)))));
    int before = h.docker.stops().size();

    ReconcileReport report =
        reconciler()
            .reconcile(
                ReconcileRequest.reconcile(h.folder(demo(stoppingWithin("web", WEB_V2, 3)))));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().actions(ActionKind.DELETE))
        .extracting(a -> a.container())
        .containsExactlyInAnyOrder("db", "cache");
    // db keeps the minute-ish it was given; cache declared none: the engine's default, not
    // Docker's; web is replaced with the stop timeout of the deployment that replaces it
    assertThat(h.docker.stopsSince(before))
        .containsExactlyInAnyOrder(Stop.of("db", 45), Stop.of("cache", 7), Stop.of("web", 3));
    assertThat(report.warnings()).noneMatch(w -> w.contains("cannot read"));
  }

  @Test
  void delete_whenTheRunningDeploymentCannotBeRead_usesTheEngineDefaultAndSaysWhy()
      throws IOException {
    reconciler()
        .reconcile(
            ReconcileRequest.reconcile(
                h.folder(demo(container("web", WEB_V1), stoppingWithin("db", DB_V1, 45)))));
    Path running = h.stateRoot.resolve("running-config");
    Files.writeString(running.resolve("stow.yaml"), "# not a deployment this test knows\n");
    int before = h.docker.stops().size();

    ReconcileReport report =
        reconciler()
            .reconcile(ReconcileRequest.reconcile(h.folder(demo(container("web", WEB_V1)))));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    // web is replaced (the deployment hash changed) with its own, absent, stop timeout
    assertThat(h.docker.stopsSince(before))
        .containsExactlyInAnyOrder(Stop.of("web", 7), Stop.of("db", 7));
    assertThat(report.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("cannot read the running deployment in")
                    .contains("stopped with the default stop timeout"));
  }
}
