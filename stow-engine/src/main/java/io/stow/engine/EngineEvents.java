package io.stow.engine;

/**
 * Receives progress while a reconcile runs. The engine never prints: the CLI renders these for a
 * terminal, the daemon for logs. Called on the reconciling thread; implementations should return
 * quickly and must not throw (an exception from a listener is ignored).
 */
@FunctionalInterface
public interface EngineEvents {

  /** Ignores every event. */
  EngineEvents NONE = event -> {};

  void on(ReconcileEvent event);
}
