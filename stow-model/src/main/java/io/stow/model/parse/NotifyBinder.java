package io.stow.model.parse;

import io.stow.model.config.Notifications;
import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyFormat;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import io.stow.model.parse.Binding.Unknown;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the daemon configuration's {@code notify:} list: each target's {@code url}, {@code format}
 * (default {@code json}), {@code events} (default: every event), {@code tokenFile} and {@code name}
 * (default {@code <format>-<position>}). Problems never quote a URL: it may hold a secret.
 */
final class NotifyBinder {

  static final Set<String> TARGET_KEYS = Set.of("name", "url", "format", "events", "tokenFile");

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

  private static final List<String> FORMATS =
      Arrays.stream(NotifyFormat.values()).map(NotifyFormat::label).toList();

  /** The events a target may list, in declaration order. */
  private static final List<String> EVENTS =
      NotifyEvent.subscribable().stream().sorted().map(NotifyEvent::label).toList();

  private NotifyBinder() {}

  /**
   * What problems about notifications may repeat from the file: the keys, formats and events,
   * alone, between spaces, quoted or before a semicolon, and the lists of formats and events.
   */
  static Set<String> words() {
    Set<String> words = new HashSet<>();
    List<String> names = new ArrayList<>(TARGET_KEYS);
    names.add("notify");
    names.add("commitStatus");
    names.addAll(FORMATS);
    names.addAll(EVENTS);
    for (String name : names) {
      words.addAll(List.of(name, " " + name + " ", "'" + name + "'", " " + name + ";"));
    }
    words.add(String.join(", ", FORMATS));
    words.add(String.join(", ", EVENTS));
    return words;
  }

  /** {@code notify} and {@code commitStatus}; commit statuses only for a GitLab source. */
  static Notifications bind(Binding config, Path base) {
    List<NotifyTarget> targets = targets(config, base);
    boolean commitStatus = config.bool("commitStatus", false);
    if (commitStatus && config.has("git")) {
      config.problem(
          "commitStatus",
          "commit statuses are reported to GitLab; a plain Git remote has none: remove"
              + " commitStatus");
      return Notifications.NONE;
    }
    return new Notifications(targets, commitStatus);
  }

  /** The targets under {@code notify}; empty when absent. */
  private static List<NotifyTarget> targets(Binding config, Path base) {
    List<NotifyTarget> targets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Binding.Item> items = config.list("notify");
    for (int i = 0; i < items.size(); i++) {
      Binding.Item item = items.get(i);
      Optional<Binding> section =
          Binding.of(config.findings(), item.node(), item.path(), TARGET_KEYS, Unknown.ERROR);
      if (section.isEmpty()) {
        continue;
      }
      Optional<NotifyTarget> target = target(section.get(), base, i + 1);
      if (target.isPresent() && !names.add(target.get().name())) {
        section
            .get()
            .problem(
                section.get().has("name") ? "name" : "format",
                "another target has the name '"
                    + target.get().name()
                    + "'; give each target its own name (it labels logs and metrics)");
      } else {
        target.ifPresent(targets::add);
      }
    }
    return targets;
  }

  private static Optional<NotifyTarget> target(Binding t, Path base, int position) {
    Optional<NotifyFormat> format =
        t.string("format")
            .map(String::strip)
            .map(
                text ->
                    NotifyFormat.of(text)
                        .or(
                            () -> {
                              t.problem(
                                  "format",
                                  "is not a format; use one of " + String.join(", ", FORMATS));
                              return Optional.empty();
                            }))
            .orElse(Optional.of(NotifyFormat.JSON));
    Optional<String> url = t.requiredString("url").map(String::strip).filter(u -> url(t, u));
    Optional<Path> tokenFile =
        t.string("tokenFile").map(String::strip).filter(v -> !v.isEmpty()).map(base::resolve);
    if (tokenFile.isPresent() && format.filter(f -> !f.takesToken()).isPresent()) {
      t.problem(
          "tokenFile",
          "a " + format.get().label() + " webhook URL carries its secret itself; remove tokenFile");
    }
    if (tokenFile.isPresent() && url.filter(NotifyBinder::hasUserInfo).isPresent()) {
      t.problem(
          "tokenFile",
          "the url holds credentials (user:password@) already; give them once: remove tokenFile"
              + " or the credentials");
    }
    Set<NotifyEvent> events = events(t);
    String name = t.string("name").map(String::strip).orElse("");
    if (t.has("name") && !name.matches(NAME)) {
      t.problem(
          "name",
          "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (format.isEmpty() || url.isEmpty() || events.isEmpty()) {
      return Optional.empty();
    }
    String chosen = name.isEmpty() ? format.get().label() + "-" + position : name;
    return Optional.of(
        new NotifyTarget(
            chosen, Secret.of(url.get()), format.get(), events, tokenFile.map(Path::normalize)));
  }

  /** Whether {@code text} is an absolute http(s) URL with a host; a problem otherwise. */
  private static boolean url(Binding t, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        t.problem(
            "url", "must be an http(s) URL with a host, e.g. https://ntfy.example.com/deploys");
        return false;
      }
      if (uri.getRawFragment() != null) {
        t.problem("url", "must not have a #fragment (it is never sent)");
        return false;
      }
      return true;
    } catch (URISyntaxException e) {
      t.problem("url", "is not a URL; write e.g. https://ntfy.example.com/deploys");
      return false;
    }
  }

  private static boolean hasUserInfo(String url) {
    try {
      return new URI(url).getRawUserInfo() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The listed events, or every event when {@code events} is absent; empty after a problem. */
  private static Set<NotifyEvent> events(Binding t) {
    if (!t.has("events")) {
      if (t.node("events").isPresent()) {
        t.problem("events", "lists no event; leave events out for every event, or list some");
        return Set.of();
      }
      return NotifyEvent.subscribable();
    }
    Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
    boolean wrong = false;
    List<Binding.Text> items = t.trimmedList("events");
    for (Binding.Text item : items) {
      Optional<NotifyEvent> event =
          NotifyEvent.of(item.text()).filter(NotifyEvent.subscribable()::contains);
      if (event.isPresent()) {
        events.add(event.get());
        continue;
      }
      wrong = true;
      t.problemAt(
          item.item().node(),
          item.item().path(),
          item.text().equals(NotifyEvent.TEST.label())
              ? "test is what stow notify-test sends; it cannot be subscribed to"
              : "'"
                  + item.text()
                  + "' is not an event; "
                  + KeyHints.closest(item.text(), Set.copyOf(EVENTS))
                      .map(k -> "did you mean '" + k + "'? ")
                      .orElse("")
                  + "the events are "
                  + String.join(", ", EVENTS));
    }
    if (events.isEmpty() && !wrong) {
      t.problem("events", "lists no event; leave events out for every event, or list some");
    }
    return wrong ? Set.of() : events;
  }
}
