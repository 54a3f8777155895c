package io.stow.engine.plan;

/** What the reconcile does with one container. */
public enum ActionKind {
  /** The container runs the desired deployment already; it is left alone. */
  NOOP,
  /** The container is missing, stopped or stale: it is (re)created from the descriptor. */
  REPLACE,
  /** A managed container that the descriptor no longer declares: it is stopped and removed. */
  DELETE;

  /** The lower-case name used in plan JSON and reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
