package io.stow.engine.suggest;

import java.util.ArrayList;
import java.util.List;

/** Passes lines to the listener and keeps the warnings for the report. */
final class Notes {

  private final SuggestListener listener;
  private final List<String> warnings = new ArrayList<>();

  Notes(SuggestListener listener) {
    this.listener = listener;
  }

  void info(String line) {
    listener.info(line);
  }

  void warning(String line) {
    warnings.add(line);
    listener.warning(line);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
