package io.stow.engine;

/** How a reconcile ended. */
public enum ReconcileStatus {
  /** The desired state runs and passed verification (or nothing needed to change). */
  SUCCEEDED,
  /** The run failed before the host (Docker or the state directory) was changed. */
  FAILED_BEFORE_CHANGES,
  /**
   * The new deployment failed and the host was rolled back: to the previous snapshot, or, for a
   * first deployment, by removing the failed containers.
   */
  FAILED_ROLLED_BACK,
  /** The new deployment failed and so did the rollback: the host needs an operator. */
  FAILED_ROLLBACK_FAILED;

  /** {@code succeeded}, {@code failed-rolled-back}, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public boolean succeeded() {
    return this == SUCCEEDED;
  }
}
