package io.stow.daemon.http;

import io.stow.daemon.status.StatusJson;
import io.stow.daemon.status.StatusView;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The status document of the last view rendered, served again for an equal view: between two
 * changes (a run, a host reading at most once a second) every poller of {@code /status} asks for
 * the same bytes, and rendering them is a quarter of what such a request costs.
 */
final class StatusDocuments {

  private record Rendered(StatusView view, byte[] json) {}

  private final AtomicReference<Rendered> last = new AtomicReference<>();

  /** The document of {@code view}; callers must not change the array. */
  byte[] of(StatusView view) {
    Rendered rendered = last.get();
    if (rendered != null && rendered.view().equals(view)) {
      return rendered.json();
    }
    byte[] json = StatusJson.render(view);
    last.set(new Rendered(view, json));
    return json;
  }
}
