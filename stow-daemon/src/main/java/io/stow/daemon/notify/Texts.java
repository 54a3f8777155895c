package io.stow.daemon.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The words of a notification for people: a title and lines, shared by every chat format. */
final class Texts {

  /** How bad it is; each format maps it to its colour, priority or type. */
  enum Severity {
    OK,
    INFO,
    WARNING,
    FAILURE
  }

  private Texts() {}

  static Severity severity(Notification n) {
    return switch (n.event()) {
      case DEPLOYED, DRIFT_REPAIRED -> Severity.OK;
      case TEST -> Severity.INFO;
      case ROLLED_BACK, DEGRADED -> Severity.WARNING;
      case FAILED, ROLLBACK_FAILED -> Severity.FAILURE;
    };
  }

  static String title(Notification n) {
    String s = n.subject();
    String on = " on " + n.host();
    return switch (n.event()) {
      case DEPLOYED -> s + " deployed" + on;
      case FAILED ->
          s + ": " + (n.run().equals("repair") ? "drift repair" : "deployment") + " failed" + on;
      case ROLLED_BACK -> s + " rolled back" + on;
      case ROLLBACK_FAILED -> s + ": rollback failed" + on + ", it needs an operator";
      case DRIFT_REPAIRED -> s + ": drift repaired" + on;
      case DEGRADED -> s + " degraded" + on;
      case TEST -> "stow test notification from " + n.host();
    };
  }

  /** The body: commit and hash, rollback, reason and containers, one thing per line. */
  static List<String> lines(Notification n) {
    List<String> lines = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    n.commit().ifPresent(c -> ids.add("commit " + shortId(c)));
    n.deploymentHash().ifPresent(h -> ids.add("deployment hash " + shortId(h)));
    if (!ids.isEmpty()) {
      lines.add(capitalise(String.join(", ", ids)) + " (folder " + n.folder() + ")");
    }
    n.rollback()
        .ifPresent(
            r ->
                lines.add(
                    (r.succeeded() ? "Rolled back" : "The rollback failed")
                        + r.targetHash().map(h -> " to deployment hash " + shortId(h)).orElse("")
                        + (r.kind().equals("remove-failed-containers")
                            ? " (first deployment: its containers were removed)"
                            : "")
                        + r.error().map(e -> ": " + e).orElse("")));
    n.reason().ifPresent(r -> lines.add("Reason: " + r));
    if (!n.containers().isEmpty()) {
      lines.add("Containers: " + containers(n));
    }
    return lines;
  }

  /** {@code web started; db unchanged; api failed: ...}. */
  static String containers(Notification n) {
    return n.containers().stream()
        .map(c -> c.name() + " " + c.result() + c.detail().map(d -> ": " + d).orElse(""))
        .collect(Collectors.joining("; "));
  }

  /** The body as plain text, with the status link when there is one. */
  static String plain(Notification n) {
    List<String> lines = new ArrayList<>(lines(n));
    n.links().ifPresent(l -> lines.add("Status: " + l.status()));
    return lines.isEmpty() ? title(n) : String.join("\n", lines);
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** {@code text} cut to {@code max} characters, ending in … when cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
