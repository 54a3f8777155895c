package io.stow.engine;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event. */
public final class RecordingEvents implements EngineEvents {

  private final List<ReconcileEvent> events = new ArrayList<>();

  @Override
  public void on(ReconcileEvent event) {
    events.add(event);
  }

  public List<ReconcileEvent> all() {
    return List.copyOf(events);
  }

  public <T extends ReconcileEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    events.clear();
  }
}
