package io.stow.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.daemon.fakes.Reports;
import io.stow.engine.ReconcileStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunListenerTest {

  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  static final class Recording implements RunListener {
    final String name;
    final List<String> heard;
    final boolean fails;

    Recording(String name, List<String> heard, boolean fails) {
      this.name = name;
      this.heard = heard;
      this.fails = fails;
    }

    @Override
    public void reconcileStarted(Instant at) {
      heard.add(name + " started");
      if (fails) {
        throw new IllegalStateException(name + " broke");
      }
    }

    @Override
    public void finished(Finished run) {
      heard.add(name + " " + run.result());
      if (fails) {
        throw new IllegalStateException(name + " broke");
      }
    }

    @Override
    public void nothingDrifted(Instant at) {
      heard.add(name + " nothing drifted");
      if (fails) {
        throw new IllegalStateException(name + " broke");
      }
    }
  }

  @Test
  void all_tellsEveryListenerInOrder_evenAfterOneThrows_thenThrowsTheFirst() {
    List<String> heard = new ArrayList<>();
    RunListener all =
        RunListener.all(
            List.of(
                new Recording("a", heard, true),
                new Recording("b", heard, false),
                new Recording("c", heard, true)));
    RunListener.Finished run =
        new RunListener.Finished(
            RunListener.Kind.RECONCILE,
            Optional.of(Reports.deployed("c1", "h1")),
            Optional.empty(),
            T,
            T);

    assertThatThrownBy(() -> all.reconcileStarted(T))
        .hasMessage("a broke")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThatThrownBy(() -> all.finished(run)).hasMessage("a broke");
    assertThatThrownBy(() -> all.nothingDrifted(T)).hasMessage("a broke");

    assertThat(heard)
        .containsExactly(
            "a started",
            "b started",
            "c started",
            "a succeeded",
            "b succeeded",
            "c succeeded",
            "a nothing drifted",
            "b nothing drifted",
            "c nothing drifted");
  }

  @Test
  void result_isTheReportsStatus_orFailedWithoutOne() {
    RunListener.Finished noReport =
        new RunListener.Finished(
            RunListener.Kind.REPAIR, Optional.empty(), Optional.of("no Docker"), T, T);
    RunListener.Finished rolledBack =
        new RunListener.Finished(
            RunListener.Kind.RECONCILE,
            Optional.of(Reports.failed(ReconcileStatus.FAILED_ROLLED_BACK, "c", "h", "x").report()),
            Optional.of("x"),
            T,
            T);

    assertThat(noReport.result()).isEqualTo("failed");
    assertThat(noReport.succeeded()).isFalse();
    assertThat(rolledBack.result()).isEqualTo("failed-rolled-back");
    assertThat(RunListener.Kind.RECOVERY.label()).isEqualTo("recovery");
  }
}
