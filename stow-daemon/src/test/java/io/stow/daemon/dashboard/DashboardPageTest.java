package io.stow.daemon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.daemon.status.BadgeState;
import io.stow.daemon.status.RecentRun;
import io.stow.daemon.status.StatusView;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.engine.VerificationReport;
import io.stow.engine.VerificationSample;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.DeploymentHashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

  static final Instant NOW = Instant.parse("2026-05-01T10:10:00Z");
  static final String SCRIPT = "<script>alert('x')</script>";
  static final String LOG_SECRET = "SENTINEL-log-line-password=hunter2";

  static SchedulerState idle(Optional<String> lastError) {
    return new SchedulerState(
        SchedulerState.Phase.IDLE,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.of(lastError.isPresent() ? SchedulerState.ERROR : SchedulerState.OK),
        lastError,
        Optional.of(NOW.minusSeconds(70)),
        Optional.of(NOW.minusSeconds(60)),
        true);
  }

  static StatusView view(SchedulerState s, List<HostStatus.Container> containers) {
    HostStatus host =
        new HostStatus(
            Optional.of("web" + SCRIPT),
            Optional.of("h1"),
            Optional.of("c0ffee1234567890"),
            Optional.of(Path.of("/state/.stow/snapshots/h1")),
            false,
            containers);
    BadgeState state = s.lastFailed() ? BadgeState.ERROR : BadgeState.RUNNING;
    return new StatusView(
        s,
        new HostStatusCache.Reading(host, NOW, Optional.empty()),
        Optional.empty(),
        Optional.empty(),
        "idle",
        state,
        Optional.empty());
  }

  static HostStatus.Container container(String name, Optional<String> health, int restarts) {
    return new HostStatus.Container(
        name,
        "running",
        true,
        health,
        restarts,
        Optional.of(NOW.minusSeconds(3600)),
        Optional.of("v1:h1"));
  }

  static ReconcileReport report(ReconcileStatus status, String hash, Optional<String> failure) {
    return report(status, hash, failure, true);
  }

  /** A run that replaced web-app ({@code webAppExisted}) or created it, and removed a container. */
  static ReconcileReport report(
      ReconcileStatus status, String hash, Optional<String> failure, boolean webAppExisted) {
    Plan plan =
        new Plan(
            "web",
            hash,
            List.of(
                new PlannedAction(
                    "web-app",
                    ActionKind.REPLACE,
                    webAppExisted ? "stale-hash v1:h0 -> v1:" + hash : PlannedAction.MISSING,
                    webAppExisted ? Optional.of("id") : Optional.empty(),
                    Optional.of(
                        new io.stow.model.ImageRef(
                            "registry.example.com/web", "1.2", "sha256:" + "a".repeat(64)))),
                new PlannedAction(
                    "old" + SCRIPT,
                    ActionKind.DELETE,
                    PlannedAction.NOT_IN_MANIFEST,
                    Optional.of("id2"),
                    Optional.empty())));
    VerificationReport verification =
        new VerificationReport(
            hash,
            status.succeeded(),
            Duration.ofSeconds(60),
            Duration.ofSeconds(20),
            Duration.ofSeconds(24),
            List.of(
                new VerificationSample(
                    Duration.ZERO, Duration.ZERO, List.of("web-app: starting " + SCRIPT)),
                new VerificationSample(Duration.ofSeconds(4), Duration.ZERO, List.of())));
    Optional<RollbackReport> rollback =
        status == ReconcileStatus.FAILED_ROLLED_BACK
            ? Optional.of(
                new RollbackReport(
                    RollbackReport.Kind.REMOVE_FAILED_CONTAINERS,
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(
                        new ContainerOutcome(
                            "web-app",
                            ActionKind.DELETE,
                            ContainerOutcome.Result.DELETED,
                            Optional.empty())),
                    Optional.empty(),
                    Map.of("web-app", List.of(LOG_SECRET)),
                    Optional.empty()))
            : Optional.empty();
    return new ReconcileReport(
        ReconcileMode.RECONCILE,
        status,
        Optional.of("web"),
        Optional.of("c0ffee1234567890"),
        Optional.of(new DeploymentHashes("m", "c", "s", hash)),
        Optional.of("h0"),
        Optional.empty(),
        Optional.of(plan),
        List.of(
            new ContainerOutcome(
                "web-app", ActionKind.REPLACE, ContainerOutcome.Result.STARTED, Optional.empty())),
        Optional.of(verification),
        rollback,
        Optional.empty(),
        NOW.minusSeconds(100),
        NOW.minusSeconds(60),
        Map.of("stage", Duration.ofMillis(120)),
        failure,
        List.of("a warning " + SCRIPT));
  }

  static RecentRun run(ReconcileReport report, Optional<String> error, Instant end) {
    return RecentRun.of(
        new RunListener.Finished(
            RunListener.Kind.RECONCILE, Optional.of(report), error, end.minusSeconds(40), end));
  }

  static String render(StatusView view, List<RecentRun> runs) {
    return new String(DashboardPage.render(view, runs, NOW, 15), StandardCharsets.UTF_8);
  }

  @Test
  void everyValue_isEscaped_soAScriptInANameOrMessageIsText_andTheBodyHasNoScriptElement() {
    String error = "verification failed: " + SCRIPT;
    StatusView view =
        view(
            idle(Optional.of(error)),
            List.of(container("app" + SCRIPT, Optional.of("unhealthy"), 2)));
    List<RecentRun> runs =
        List.of(
            run(
                report(ReconcileStatus.FAILED_ROLLED_BACK, "h2", Optional.of(error)),
                Optional.of(error),
                NOW.minusSeconds(60)));

    String html = render(view, runs);

    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
    assertThat(html)
        .contains("app&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("web&lt;script&gt;")
        .contains("verification failed: &lt;script&gt;")
        .contains("a warning &lt;script&gt;")
        .contains("web-app: starting &lt;script&gt;")
        .contains("old&lt;script&gt;")
        .doesNotContain(LOG_SECRET)
        .contains("the last log lines of web-app (1) are kept in the report but not shown here");
  }

  @Test
  void thePage_showsTheDeployment_itsContainers_theBadge_andTheRunsNewestOpen() {
    StatusView view =
        view(
            idle(Optional.empty()),
            List.of(
                container("web-app", Optional.of("healthy"), 0),
                container("worker", Optional.empty(), 3)));
    List<RecentRun> runs =
        List.of(
            run(
                report(ReconcileStatus.SUCCEEDED, "h1", Optional.empty()),
                Optional.empty(),
                NOW.minusSeconds(60)),
            run(
                report(ReconcileStatus.FAILED_ROLLED_BACK, "h2", Optional.of("it failed")),
                Optional.of("it failed"),
                NOW.minusSeconds(600)));

    String html = render(view, runs);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<meta http-equiv=\"refresh\" content=\"15\">")
        .contains("<dt>commit</dt><dd class=\"hash\">c0ffee1234567890</dd>")
        .contains("<dt>deployment hash</dt><dd class=\"hash\">h1</dd>")
        .contains("<dd id=\"since\">2026-05-01 10:09:00Z (60 s ago)</dd>")
        .contains(
            "<img id=\"badge\" height=\"20\" alt=\"stow: running\" src=\"data:image/svg+xml;base64,")
        .contains("<td class=\"name\">worker</td>")
        .contains("<td class=\"warn\">3</td>")
        .contains("<details class=\"run\" data-result=\"succeeded\" open>")
        .contains("<details class=\"run\" data-result=\"failed-rolled-back\">")
        .contains("stale-hash v1:h0 -&gt; v1:h1")
        .contains("passed after 24 s (stable for 20 s within 60 s)")
        .contains("remove-failed-containers, succeeded")
        .contains("stage 120 ms")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(html.indexOf("data-result=\"succeeded\""))
        .isLessThan(html.indexOf("data-result=\"failed-rolled-back\""));
  }

  @Test
  void aRunsSummary_countsAContainerThatDidNotExistAsNew_andOneThatDidAsReplaced() {
    StatusView view =
        view(idle(Optional.empty()), List.of(container("web-app", Optional.empty(), 0)));
    List<RecentRun> runs =
        List.of(
            run(
                report(ReconcileStatus.SUCCEEDED, "h2", Optional.empty(), false),
                Optional.empty(),
                NOW.minusSeconds(60)),
            run(
                report(ReconcileStatus.SUCCEEDED, "h1", Optional.empty(), true),
                Optional.empty(),
                NOW.minusSeconds(600)));

    String html = render(view, runs);

    assertThat(html)
        .contains(" · 1 new, 0 replaced, 1 removed, 0 unchanged · ")
        .contains(" · 0 new, 1 replaced, 1 removed, 0 unchanged · ");
  }

  @Test
  void since_fallsBackToTheContainersStart_whenNoKeptRunLeftThisHash() {
    StatusView view =
        view(idle(Optional.empty()), List.of(container("web-app", Optional.empty(), 0)));

    String html = render(view, List.of());

    assertThat(html)
        .contains("<dd id=\"since\">2026-05-01 09:10:00Z (60 min ago)")
        .contains("at the latest: its containers&#39; start")
        .contains("no run changed the host or failed since the daemon started");
    assertThat(new String(DashboardPage.render(view, List.of(), NOW, 0), StandardCharsets.UTF_8))
        .doesNotContain("http-equiv");
  }

  @Test
  void escape_coversMarkupQuotesAndControlCharacters() {
    assertThat(Html.escape("a<b>&\"c'\u0000\n")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD\n");
  }
}
