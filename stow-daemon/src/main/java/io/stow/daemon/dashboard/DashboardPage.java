package io.stow.daemon.dashboard;

import io.stow.daemon.schedule.SchedulerState;
import io.stow.daemon.status.Badge;
import io.stow.daemon.status.RecentRun;
import io.stow.daemon.status.StatusView;
import io.stow.engine.HostStatus;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /} for a browser: the deployment the host runs (name, commit, deployment hash, since
 * when), its containers (state, health, restarts), the badge, and the last runs with their plans,
 * reasons, verification timelines and results. Server-rendered with no script at all; the page
 * reloads itself every {@code refresh} seconds (0: never). Every value is escaped by {@link Html}.
 */
public final class DashboardPage {

  /**
   * The content security policy of the page: its own inline style and data: images, nothing else.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  private DashboardPage() {}

  /**
   * @param runs the kept runs, the newest first
   * @param now the time the page is rendered, for "ago"
   * @param refresh seconds between reloads; 0 for none
   */
  public static byte[] render(StatusView view, List<RecentRun> runs, Instant now, int refresh) {
    HostStatus host = view.host().status();
    Html html = new Html();
    html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refresh > 0) {
      html.raw("<meta http-equiv=\"refresh\" content=\"").number(refresh).raw("\">");
    }
    html.raw("<title>stow: ")
        .text(host.deploymentName().orElse("nothing deployed"))
        .raw(" (")
        .text(view.state().word())
        .raw(")</title><style>")
        .raw(Style.CSS)
        .raw("</style></head><body><header><h1>stow: <span id=\"deployment-name\">")
        .text(host.deploymentName().orElse("nothing deployed"))
        .raw("</span></h1><img id=\"badge\" height=\"20\" alt=\"stow: ")
        .text(view.state().word())
        .raw("\" src=\"data:image/svg+xml;base64,")
        .raw(Base64.getEncoder().encodeToString(Badge.svg(view.state())))
        .raw("\"></header><p class=\"muted\" id=\"refreshed\">")
        .text("as of " + Times.utc(now));
    if (refresh > 0) {
      html.text(", reloads every " + refresh + " s (")
          .raw("<a href=\"/?refresh=0\">stop</a>")
          .raw(")");
    } else {
      html.text(", not reloading (").raw("<a href=\"/\">reload every 15 s</a>").raw(")");
    }
    html.raw("</p>");
    deployment(html, view, runs, now);
    containers(html, host, now);
    RunSection.render(html, runs, now);
    html.raw("<footer class=\"muted\"><a href=\"/status\">status as JSON</a> · ")
        .raw("<a href=\"/metrics\">metrics</a> · ")
        .text("stow " + version())
        .raw("</footer></body></html>\n");
    return html.bytes();
  }

  private static void deployment(Html html, StatusView view, List<RecentRun> runs, Instant now) {
    HostStatus host = view.host().status();
    SchedulerState s = view.scheduler();
    html.raw("<section id=\"deployment\"><h2>Deployment</h2><dl class=\"facts\">");
    fact(html, "name", host.deploymentName(), "nothing deployed", "");
    fact(html, "commit", host.revision(), "-", "hash");
    fact(html, "deployment hash", host.deploymentHash(), "-", "hash");
    Optional<DeployedSince.Since> since = DeployedSince.of(host, runs);
    html.raw("<dt>since</dt><dd id=\"since\">");
    if (since.isPresent()) {
      Instant at = since.get().at();
      html.text(Times.utc(at) + " (" + Times.ago(at, now) + ")");
      if (!since.get().exact()) {
        html.raw(" <span class=\"muted\">")
            .text("at the latest: its containers' start")
            .raw("</span>");
      }
    } else {
      html.text("-");
    }
    html.raw("</dd>");
    fact(html, "state", Optional.of(view.state().word()), "-", stateClass(view.state().word()));
    String phase = s.phase().label() + (s.queued() ? ", one reconcile queued" : "");
    fact(html, "phase", Optional.of(phase), "-", "");
    fact(html, "reconciling", s.activeHeadHash(), "", "hash");
    fact(html, "queued head", s.queuedHeadHash(), "", "hash");
    fact(html, "last result", s.lastResult(), "-", s.lastFailed() ? "bad" : "ok");
    fact(html, "last error", s.lastError(), "", "bad");
    fact(
        html,
        "last finished",
        s.lastFinishedAt().map(at -> Times.utc(at) + " (" + Times.ago(at, now) + ")"),
        "",
        "");
    fact(html, "docker", view.host().error(), "", "bad");
    if (!s.ready()) {
      fact(html, "start-up", Optional.of("rolling back an interrupted apply, if any"), "", "warn");
    }
    html.raw("</dl></section>");
  }

  /** A fact; left out when it has no value and {@code absent} is empty. */
  private static void fact(
      Html html, String name, Optional<String> value, String absent, String cssClass) {
    if (value.isEmpty() && absent.isEmpty()) {
      return;
    }
    html.raw("<dt>").text(name).raw("</dt><dd");
    if (!cssClass.isEmpty()) {
      html.raw(" class=\"").text(cssClass).raw("\"");
    }
    html.raw(">").text(value, absent).raw("</dd>");
  }

  private static void containers(Html html, HostStatus host, Instant now) {
    html.raw("<section id=\"containers\"><h2>Containers (")
        .number(host.containers().size())
        .raw(")</h2>");
    if (host.containers().isEmpty()) {
      html.raw("<p class=\"muted\">")
          .text("no container carries the deployment's label")
          .raw("</p>");
    } else {
      html.raw("<div class=\"scroll\"><table><thead><tr><th>name</th><th>state</th>")
          .raw(
              "<th>health</th><th>restarts</th><th class=\"wide\">started</th></tr></thead><tbody>");
      for (HostStatus.Container c : host.containers()) {
        html.raw("<tr class=\"container\"><td class=\"name\">")
            .text(c.name())
            .raw("</td><td class=\"")
            .text(c.running() && !c.state().equals("restarting") ? "ok" : "bad")
            .raw("\">")
            .text(c.state())
            .raw("</td><td class=\"")
            .text(c.health().map(DashboardPage::healthClass).orElse("muted"))
            .raw("\">")
            .text(c.health(), "no check")
            .raw("</td><td class=\"")
            .text(c.restartCount() == 0 ? "" : "warn")
            .raw("\">")
            .number(c.restartCount())
            .raw("</td><td class=\"wide\">")
            .text(c.startedAt().map(at -> Times.ago(at, now)), "-")
            .raw("</td></tr>");
      }
      html.raw("</tbody></table></div>");
    }
    html.raw("</section>");
  }

  private static String healthClass(String health) {
    return switch (health) {
      case "healthy" -> "ok";
      case "unhealthy" -> "bad";
      default -> "warn";
    };
  }

  private static String stateClass(String state) {
    return switch (state) {
      case "running" -> "ok";
      case "error" -> "bad";
      case "unknown" -> "muted";
      default -> "warn";
    };
  }

  private static String version() {
    String version = DashboardPage.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
