package io.stow.engine;

import io.stow.engine.source.DesiredStateSource;
import java.util.Objects;

/**
 * One reconcile: where the desired state comes from and whether to change anything.
 *
 * @param dryRun stage, decrypt, hash, load, inspect and plan only: neither Docker nor the state
 *     directory is changed
 */
public record ReconcileRequest(DesiredStateSource source, boolean dryRun) {

  public ReconcileRequest {
    Objects.requireNonNull(source, "source");
  }

  public static ReconcileRequest reconcile(DesiredStateSource source) {
    return new ReconcileRequest(source, false);
  }

  public static ReconcileRequest dryRun(DesiredStateSource source) {
    return new ReconcileRequest(source, true);
  }
}
