package io.stow.model.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The shape of a notification: stow's own JSON, or a service's webhook. */
public enum NotifyFormat {
  /** stow's documented JSON document, for any receiver. */
  JSON,
  /** An ntfy topic URL; published as JSON to the server. */
  NTFY,
  /** A Discord webhook URL. */
  DISCORD,
  /** A Slack incoming webhook URL. */
  SLACK,
  /** A Gotify server's {@code /message} endpoint. */
  GOTIFY,
  /** An Apprise API server's {@code /notify} endpoint, which fans out to what Apprise knows. */
  APPRISE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NotifyFormat> of(String label) {
    return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
  }

  /**
   * Whether a {@code tokenFile} means something for this format. Discord and Slack webhook URLs
   * carry their secret themselves.
   */
  public boolean takesToken() {
    return this != DISCORD && this != SLACK;
  }
}
