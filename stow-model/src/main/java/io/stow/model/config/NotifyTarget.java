package io.stow.model.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the daemon sends notifications ({@code notify:} in the daemon configuration). The URL may
 * carry a secret (a Discord or Slack webhook token in its path, an ntfy topic, {@code ?token=},
 * {@code user:password@}): it is a {@link Secret}, and logs show {@link #redactedUrl()} only.
 *
 * @param name the target's name in logs and metrics
 * @param url an absolute http(s) URL
 * @param events the events sent there
 * @param tokenFile a file holding the token sent with each request (read when the daemon starts)
 */
public record NotifyTarget(
    String name,
    Secret url,
    NotifyFormat format,
    Set<NotifyEvent> events,
    Optional<Path> tokenFile) {

  public NotifyTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    Objects.requireNonNull(tokenFile, "tokenFile");
  }

  /** Whether this target wants {@code event}. */
  public boolean wants(NotifyEvent event) {
    return events.contains(event);
  }

  /** The URL as logs may show it: see {@link #redact(String)}. */
  public String redactedUrl() {
    return redact(url.reveal());
  }

  /**
   * Scheme, host and port only: a path becomes {@code /…} and a query {@code ?…}, and user
   * information is left out, because webhook URLs carry their secret in any of those parts.
   */
  public static String redact(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "<redacted URL>";
      }
      String path = uri.getRawPath();
      return uri.getScheme()
          + "://"
          + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
              ? "[" + uri.getHost() + "]"
              : uri.getHost())
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + (path == null || path.isEmpty() || path.equals("/") ? "" : "/…")
          + (uri.getRawQuery() == null ? "" : "?…");
    } catch (URISyntaxException e) {
      return "<redacted URL>";
    }
  }

  @Override
  public String toString() {
    return "NotifyTarget[name="
        + name
        + ", url="
        + redactedUrl()
        + ", format="
        + format.label()
        + ", events="
        + events.stream().map(NotifyEvent::label).sorted().toList()
        + ", tokenFile="
        + tokenFile.map(Path::toString).orElse("none")
        + "]";
  }
}
