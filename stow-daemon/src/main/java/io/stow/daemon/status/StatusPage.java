package io.stow.daemon.status;

import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.HostStatus;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /} for a browser: a plain page with what the status document holds (the dashboard of
 * the operator surfaces replaces it). Every value is HTML-escaped.
 */
public final class StatusPage {

  private StatusPage() {}

  public static byte[] render(StatusView view) {
    SchedulerState s = view.scheduler();
    HostStatus host = view.host().status();
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>stow: ")
        .append(escape(host.deploymentName().orElse("nothing deployed")))
        .append("</title></head><body><h1>stow</h1>")
        .append("<p><img alt=\"state\" src=\"data:image/svg+xml;base64,")
        .append(java.util.Base64.getEncoder().encodeToString(Badge.svg(view.state())))
        .append("\"></p><table>");
    row(html, "deployment", host.deploymentName());
    row(html, "deployment hash", host.deploymentHash());
    row(html, "commit", host.revision());
    row(html, "snapshot", host.snapshot().map(Object::toString));
    row(html, "phase", Optional.of(s.phase().label()));
    row(html, "active head", s.activeHeadHash());
    row(html, "queued head", s.queuedHeadHash());
    row(html, "last result", s.lastResult());
    row(html, "last error", s.lastError());
    row(html, "last started", s.lastStartedAt().map(Object::toString));
    row(html, "last finished", s.lastFinishedAt().map(Object::toString));
    row(html, "docker", view.host().error());
    html.append("</table><h2>containers</h2><table><tr><th>name</th><th>state</th>")
        .append("<th>health</th><th>restarts</th><th>started</th></tr>");
    for (HostStatus.Container c : host.containers()) {
      html.append("<tr><td>")
          .append(escape(c.name()))
          .append("</td><td>")
          .append(escape(c.state()))
          .append("</td><td>")
          .append(escape(c.health().orElse("-")))
          .append("</td><td>")
          .append(c.restartCount())
          .append("</td><td>")
          .append(escape(c.startedAt().map(Object::toString).orElse("-")))
          .append("</td></tr>");
    }
    html.append("</table><p><a href=\"/status\">status as JSON</a></p></body></html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder html, String name, Optional<String> value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value.orElse("-")))
        .append("</td></tr>");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
