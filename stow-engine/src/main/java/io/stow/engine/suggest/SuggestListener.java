package io.stow.engine.suggest;

/** Hears what suggest-image does, line by line; the engine never prints. */
public interface SuggestListener {

  /** Ignores everything. */
  SuggestListener NONE =
      new SuggestListener() {
        @Override
        public void info(String line) {}

        @Override
        public void warning(String line) {}
      };

  /** A step taken, e.g. "fetched host/stow.yaml at main (abc123)". */
  void info(String line);

  /** Something skipped that the user may want to fix; the run goes on. */
  void warning(String line);
}
