package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static io.stow.engine.TestDescriptors.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.ContainerSpec;
import io.stow.model.HealthcheckSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private static ContainerSpec withHealthcheck(String name) {
    return ContainerSpec.builder(name, WEB_V1)
        .healthcheck(
            new HealthcheckSpec(
                List.of("CMD", "true"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false))
        .build();
  }

  @Test
  void verify_passesAfterTheStableWindowWithTheDefaults() {
    ReconcileReport report = h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));

    VerificationReport v = report.verification().orElseThrow();
    assertThat(v.passed()).isTrue();
    assertThat(v.stable()).isEqualTo(Duration.ofSeconds(20));
    assertThat(v.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(v.elapsed()).isEqualTo(Duration.ofSeconds(20));
    assertThat(v.timeline()).first().extracting(VerificationSample::valid).isEqualTo(true);
    assertThat(v.timeline())
        .last()
        .extracting(VerificationSample::stableFor)
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(h.clock.sleeps()).allMatch(d -> d.compareTo(Duration.ofSeconds(1)) <= 0);
  }

  @Test
  void verify_emitsCountdownTicks() {
    h.reconcile(h.folder(descriptor("demo", verify(10, 3), List.of(), container("web", WEB_V1))));

    List<ReconcileEvent.VerificationTick> ticks =
        h.events.of(ReconcileEvent.VerificationTick.class);
    assertThat(ticks).hasSize(4);
    assertThat(ticks.get(0).remaining()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ticks.get(3).stableFor()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void verify_waitsForAHealthcheckToTurnHealthy() {
    h.docker.behaviour("web", FakeDockerHost.healthyAfterPolls(5));

    ReconcileReport report =
        h.reconcile(
            h.folder(descriptor("demo", verify(60, 10), List.of(), withHealthcheck("web"))));

    VerificationReport v = report.verification().orElseThrow();
    assertThat(v.passed()).isTrue();
    assertThat(v.timeline().get(0).problems()).containsExactly("web: health starting");
    assertThat(v.elapsed()).isEqualTo(Duration.ofSeconds(5 + 10));
  }

  @Test
  void verify_resetsStableTimerAfterRestart() {
    // looks good for 8 polls, then has restarted: RestartCount 1 never becomes valid again
    h.docker.behaviour("web", FakeDockerHost.restartsAfterPolls(8));

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", verify(30, 10), List.of(), container("web", WEB_V1))));

    VerificationReport v = e.report().verification().orElseThrow();
    assertThat(v.passed()).isFalse();
    assertThat(v.timeline().get(0).valid()).isTrue();
    VerificationSample reset = v.timeline().get(1);
    assertThat(reset.valid()).isFalse();
    assertThat(reset.stableFor()).isZero();
    assertThat(reset.problems())
        .contains("web: restarted 1 time(s)")
        .anyMatch(p -> p.startsWith("web: started again at"));
    assertThat(v.elapsed()).isEqualTo(Duration.ofSeconds(30));
    assertThat(e.getMessage())
        .contains("did not stay valid for 10s within 30s", "web: restarted 1 time(s)");
  }

  @Test
  void verify_restartWithoutRestartCountStillResetsTheTimer() {
    // a manual `docker restart` does not bump RestartCount; the new start time resets the timer
    h.docker.behaviour(
        "web",
        (c, poll, now) -> {
          if (poll == 4) {
            c.startedAt = Optional.of(now);
          }
        });

    ReconcileReport report =
        h.reconcile(
            h.folder(descriptor("demo", verify(60, 10), List.of(), container("web", WEB_V1))));

    VerificationReport v = report.verification().orElseThrow();
    assertThat(v.passed()).isTrue();
    assertThat(v.timeline())
        .extracting(VerificationSample::valid)
        .containsExactly(true, false, true, true);
    // valid from 0 s to 2 s, reset at 3 s, valid again from 4 s, stable 10 s later
    assertThat(v.elapsed()).isEqualTo(Duration.ofSeconds(14));
  }

  @Test
  void verify_timesOutWhenAContainerTurnsUnhealthy() {
    h.docker.behaviour("web", FakeDockerHost.unhealthyAfterPolls(3));

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", verify(20, 10), List.of(), withHealthcheck("web"))));

    VerificationReport v = e.report().verification().orElseThrow();
    assertThat(v.passed()).isFalse();
    assertThat(v.lastProblems()).containsExactly("web: health unhealthy");
    assertThat(v.elapsed()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void verify_failsACrashLoopingContainer() {
    h.docker.behaviour("web", FakeDockerHost.crashLoops());

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", verify(5, 2), List.of(), container("web", WEB_V1))));

    VerificationReport v = e.report().verification().orElseThrow();
    assertThat(v.passed()).isFalse();
    assertThat(v.timeline().get(0).problems()).contains("web: restarting");
  }

  @Test
  void verify_failsAContainerThatExits() {
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", verify(5, 2), List.of(), container("web", WEB_V1))));

    assertThat(e.report().verification().orElseThrow().lastProblems())
        .containsExactly("web: not running (status exited, exit code 1)");
  }

  @Test
  void verify_passesImmediatelyWithZeroStableWindow() {
    ReconcileReport report =
        h.reconcile(
            h.folder(descriptor("demo", verify(5, 0), List.of(), container("web", WEB_V1))));

    assertThat(report.verification().orElseThrow().elapsed()).isZero();
    assertThat(h.clock.sleeps()).isEmpty();
  }

  @Test
  void verify_neverSleepsPastTheTimeout() {
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());

    h.reconcileFails(
        h.folder(descriptor("demo", verify(3, 2), List.of(), container("web", WEB_V1))));

    assertThat(h.clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus))
        .isLessThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void verify_ignoresOldRestartsOfAContainerTheRepairLeftAlone() {
    LocalDirectorySource folder =
        h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1)));
    h.reconcile(folder);
    // db crashed and was restarted by Docker long ago; now web is found stopped
    h.docker.container("db").orElseThrow().restartCount = 3;
    FakeDockerHost.FakeContainer web = h.docker.container("web").orElseThrow();
    web.running = false;
    web.status = "exited";

    ReconcileReport report = h.reconcile(folder);

    assertThat(report.plan().orElseThrow().unchanged()).containsExactly("db");
    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.verification().orElseThrow().passed()).isTrue();
  }

  @Test
  void verify_stillFailsANewContainerThatRestarted() {
    h.docker.behaviour("web", FakeDockerHost.restartsAfterPolls(1));

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", verify(10, 2), List.of(), container("web", WEB_V1))));

    assertThat(e.report().verification().orElseThrow().lastProblems())
        .anyMatch(p -> p.startsWith("web: restarted") && !p.contains("during verification"));
  }
}
