package io.stow.engine;

/** What a run was asked to do. */
public enum ReconcileMode {
  /** Converge the host to the desired state, verify, roll back on failure. */
  RECONCILE,
  /** Stage, decrypt, hash, load, inspect and plan; change nothing. */
  DRY_RUN,
  /** Roll back an apply that an earlier process did not finish. */
  RECOVERY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
