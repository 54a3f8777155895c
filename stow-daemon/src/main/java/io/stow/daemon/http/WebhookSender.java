package io.stow.daemon.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Optional;

/**
 * The Git hosts whose push webhooks {@code POST /trigger} understands, told apart by the header
 * that names the event. Forgejo and Gitea come before GitHub because they send GitHub's event
 * header too; a body without any of these headers is read as GitLab's (its {@code object_kind}
 * names the event), as it always was.
 */
enum WebhookSender {
  FORGEJO("Forgejo", "X-Forgejo-Event"),
  GITEA("Gitea", "X-Gitea-Event"),
  GITHUB("GitHub", "X-GitHub-Event"),
  GITLAB("GitLab", "X-Gitlab-Event");

  private final String title;
  private final HttpString eventHeader;

  WebhookSender(String title, String eventHeader) {
    this.title = title;
    this.eventHeader = new HttpString(eventHeader);
  }

  /** Who sent a request with these headers. */
  static WebhookSender of(HeaderMap headers) {
    for (WebhookSender sender : values()) {
      if (sender.event(headers).isPresent()) {
        return sender;
      }
    }
    return GITLAB;
  }

  /**
   * The event the headers name, lower case ({@code push}, {@code ping}); empty for GitLab, whose
   * body says it, and when the header is missing.
   */
  Optional<String> event(HeaderMap headers) {
    if (this == GITLAB) {
      return Optional.empty();
    }
    String value = headers.getFirst(eventHeader);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(value.strip().toLowerCase(Locale.ROOT));
  }

  /** {@code GitHub}, {@code Gitea}, ... for messages. */
  String title() {
    return title;
  }
}
