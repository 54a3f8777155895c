package io.stow.daemon.notify;

import io.stow.model.config.NotifyFormat;
import io.stow.model.config.Secret;
import java.util.Objects;
import java.util.Optional;

/** Turns a notification into the request one kind of receiver expects. */
public interface PayloadFormat {

  /** The target's URL and token, revealed only into the request. */
  record Endpoint(Secret url, Optional<Secret> token) {
    public Endpoint {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(token, "token");
    }
  }

  Payload render(Notification notification, Endpoint endpoint);

  /** The format of each configuration word. */
  static PayloadFormat of(NotifyFormat format) {
    return switch (format) {
      case JSON -> new JsonFormat();
      case NTFY -> new NtfyFormat();
      case DISCORD -> new DiscordFormat();
      case SLACK -> new SlackFormat();
      case GOTIFY -> new GotifyFormat();
      case APPRISE -> new AppriseFormat();
    };
  }
}
