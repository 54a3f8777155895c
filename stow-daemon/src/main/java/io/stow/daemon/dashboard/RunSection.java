package io.stow.daemon.dashboard;

import io.stow.daemon.status.RecentRun;
import io.stow.daemon.status.RecentRuns;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.render.ReportDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last runs: one collapsible entry each (the newest open), with its result, commit, plan and
 * reasons, per-container outcomes, verification timeline, rollback, warnings and step times.
 * Container logs that a rollback kept are not shown: they may hold secrets, and the page has no
 * authentication.
 */
final class RunSection {

  /** Timeline rows shown at most per verification. */
  static final int TIMELINE_ROWS = 40;

  private RunSection() {}

  static void render(Html html, List<RecentRun> runs, Instant now) {
    html.raw("<section id=\"runs\"><h2>Recent runs (")
        .number(runs.size())
        .raw(runs.size() == 1 ? " run" : " runs")
        .text(", at most " + RecentRuns.CAPACITY + ", kept since the daemon started")
        .raw(")</h2>");
    if (runs.isEmpty()) {
      html.raw("<p class=\"muted\">")
          .text("no run changed the host or failed since the daemon started")
          .raw("</p>");
    }
    boolean first = true;
    for (RecentRun run : runs) {
      run(html, run, now, first);
      first = false;
    }
    html.raw("</section>");
  }

  private static void run(Html html, RecentRun run, Instant now, boolean open) {
    String css = run.succeeded() ? "ok" : "bad";
    html.raw("<details class=\"run\" data-result=\"")
        .text(run.result())
        .raw(open ? "\" open>" : "\">")
        .raw("<summary><span class=\"")
        .text(css)
        .raw("\">")
        .text(run.result())
        .raw("</span> · ")
        .text(run.kind().label())
        .raw(" · ")
        .text(Times.utc(run.finishedAt()) + " (" + Times.ago(run.finishedAt(), now) + ")");
    if (run.revision().isPresent()) {
      html.raw(" · <span class=\"hash\">").text(abbreviate(run.revision().get())).raw("</span>");
    }
    run.report()
        .ifPresent(
            r -> {
              html.text(" · " + run.planSummary().orElse("no plan"));
              html.text(" · " + Times.took(r.durationMs()));
            });
    html.raw("</summary>");
    run.error().ifPresent(e -> html.raw("<p class=\"bad error\">").text(e).raw("</p>"));
    run.report().ifPresent(r -> report(html, run, r));
    html.raw("</details>");
  }

  private static void report(Html html, RecentRun run, ReportDocument r) {
    if (r.failure() != null && !run.error().map(e -> e.contains(r.failure())).orElse(false)) {
      html.raw("<p class=\"bad failure\">").text(r.failure()).raw("</p>");
    }
    html.raw("<dl class=\"facts\">");
    fact(html, "commit", run.revision().orElse("-"), "hash");
    fact(html, "deployment hash", run.deploymentHash().orElse("-"), "hash");
    fact(
        html, "was running", r.plan().runningHash() == null ? "-" : r.plan().runningHash(), "hash");
    fact(html, "started", Times.utc(run.startedAt()), "");
    html.raw("</dl>");
    plan(html, r.plan().actions());
    outcomes(html, "Containers", r.containers());
    verification(html, "Verification", r.verification());
    rollback(html, "Rollback", r.rollback());
    rollback(html, "Recovery of an interrupted apply", r.recovery());
    builds(html, r.builds());
    if (!r.warnings().isEmpty()) {
      html.raw("<h3>Warnings</h3><ul class=\"warnings\">");
      for (String w : r.warnings()) {
        html.raw("<li class=\"warn\">").text(w).raw("</li>");
      }
      html.raw("</ul>");
    }
    if (!r.durationsMs().isEmpty()) {
      html.raw("<h3>Steps</h3><p class=\"steps muted\">");
      boolean first = true;
      for (Map.Entry<String, Long> step : r.durationsMs().entrySet()) {
        html.text((first ? "" : " · ") + step.getKey() + " " + Times.took(step.getValue()));
        first = false;
      }
      html.raw("</p>");
    }
  }

  private static void plan(Html html, List<PlanDocument.Action> actions) {
    if (actions.isEmpty()) {
      return;
    }
    html.raw("<h3>Plan</h3><div class=\"scroll\"><table class=\"plan\"><thead><tr>")
        .raw("<th>container</th><th>action</th><th>reason</th><th class=\"wide\">image</th>")
        .raw("</tr></thead><tbody>");
    for (PlanDocument.Action a : actions) {
      html.raw("<tr><td>")
          .text(a.container())
          .raw("</td><td>")
          .text(a.action())
          .raw("</td><td>")
          .text(a.reason())
          .raw("</td><td class=\"wide\"><code>")
          .text(a.image() == null ? "-" : a.image())
          .raw("</code></td></tr>");
    }
    html.raw("</tbody></table></div>");
  }

  private static void outcomes(Html html, String title, List<ReportDocument.Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    html.raw("<h3>")
        .text(title)
        .raw("</h3><div class=\"scroll\"><table><thead><tr>")
        .raw("<th>container</th><th>action</th><th>result</th><th>error</th></tr></thead><tbody>");
    for (ReportDocument.Outcome o : outcomes) {
      html.raw("<tr><td>")
          .text(o.container())
          .raw("</td><td>")
          .text(o.action())
          .raw("</td><td class=\"")
          .text(o.result().equals("failed") ? "bad" : "")
          .raw("\">")
          .text(o.result())
          .raw("</td><td>")
          .text(o.error() == null ? "" : o.error())
          .raw("</td></tr>");
    }
    html.raw("</tbody></table></div>");
  }

  private static void verification(Html html, String title, ReportDocument.Verification v) {
    if (v == null) {
      return;
    }
    html.raw("<h3>")
        .text(title)
        .raw("</h3><p class=\"verification ")
        .text(v.passed() ? "ok" : "bad")
        .raw("\">")
        .text(
            (v.passed() ? "passed" : "failed")
                + " after "
                + Times.took(v.elapsedMs())
                + " (stable for "
                + Times.took(v.stableMs())
                + " within "
                + Times.took(v.timeoutMs())
                + ")")
        .raw("</p>");
    if (v.timeline().isEmpty()) {
      return;
    }
    html.raw("<div class=\"scroll\"><table class=\"timeline\"><thead><tr><th>at</th>")
        .raw("<th>stable for</th><th>what was wrong</th></tr></thead><tbody>");
    List<ReportDocument.Sample> samples = v.timeline();
    int shown = Math.min(samples.size(), TIMELINE_ROWS);
    for (ReportDocument.Sample s : samples.subList(samples.size() - shown, samples.size())) {
      html.raw("<tr><td>")
          .text("+" + Times.took(s.elapsedMs()))
          .raw("</td><td>")
          .text(Times.took(s.stableForMs()))
          .raw("</td><td class=\"")
          .text(s.problems().isEmpty() ? "ok" : "bad")
          .raw("\">")
          .text(s.problems().isEmpty() ? "valid" : String.join("; ", s.problems()))
          .raw("</td></tr>");
    }
    html.raw("</tbody></table></div>");
    if (shown < samples.size()) {
      html.raw("<p class=\"muted\">")
          .text((samples.size() - shown) + " earlier samples not shown")
          .raw("</p>");
    }
  }

  private static void rollback(Html html, String title, ReportDocument.Rollback r) {
    if (r == null) {
      return;
    }
    html.raw("<h3>")
        .text(title)
        .raw("</h3><p class=\"rollback ")
        .text(r.succeeded() ? "ok" : "bad")
        .raw("\">")
        .text(
            r.kind()
                + (r.succeeded() ? ", succeeded" : ", FAILED")
                + (r.targetHash() == null ? "" : ", back to " + abbreviate(r.targetHash())))
        .raw("</p>");
    if (r.error() != null) {
      html.raw("<p class=\"bad\">").text(r.error()).raw("</p>");
    }
    if (!r.actions().isEmpty()) {
      plan(html, r.actions());
    }
    outcomes(html, title + ": containers", r.containers());
    verification(html, title + ": verification", r.verification());
    for (Map.Entry<String, List<String>> logs : r.containerLogs().entrySet()) {
      html.raw("<p class=\"muted\">")
          .text(
              "the last log lines of "
                  + logs.getKey()
                  + " ("
                  + logs.getValue().size()
                  + ") are kept in the report but not shown here: they may hold secrets")
          .raw("</p>");
    }
  }

  private static void builds(Html html, List<ReportDocument.Build> builds) {
    if (builds.isEmpty()) {
      return;
    }
    html.raw("<h3>Images built</h3><ul>");
    for (ReportDocument.Build b : builds) {
      html.raw("<li>")
          .text(b.container() + ": " + b.tag() + (b.built() ? " (built)" : " (already there)"))
          .raw("</li>");
      if (b.error() != null) {
        html.raw("<li class=\"bad\">").text(b.error()).raw("</li>");
      }
    }
    html.raw("</ul>");
  }

  private static void fact(Html html, String name, String value, String cssClass) {
    html.raw("<dt>").text(name).raw("</dt><dd class=\"").text(cssClass).raw("\">");
    html.text(value).raw("</dd>");
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
