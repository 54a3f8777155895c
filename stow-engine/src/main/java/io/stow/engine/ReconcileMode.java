package io.stow.engine;

/** What a run was asked to do. */
public enum ReconcileMode {
  /** Converge the host to the desired state, verify, roll back on failure. */
  RECONCILE,
  /** Stage, decrypt, hash, load, inspect and plan; change nothing. */
  DRY_RUN,
  /** Roll back an apply that an earlier process did not finish. */
  RECOVERY,
  /** Bring the host back to the running snapshot (drift), fetching nothing. */
  REPAIR,
  /** Stage, decrypt and hash a revision to learn its deployment hash; change nothing. */
  RESOLVE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
