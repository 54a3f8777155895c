/**
 * The reconcile pipeline, internal to the engine: one class per step, all of one shape ({@link
 * io.stow.engine.steps.Step}), one set of step objects per run ({@code Steps}), the runner that
 * lists the steps of each mode ({@link io.stow.engine.steps.StepsRunner}) and the rollbacks. The
 * public API is {@link io.stow.engine.Reconciler} and the report types of {@code io.stow.engine};
 * nothing here is meant to be called by embedders.
 */
package io.stow.engine.steps;
