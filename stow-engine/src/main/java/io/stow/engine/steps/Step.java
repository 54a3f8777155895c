package io.stow.engine.steps;

import io.stow.engine.StepName;

/**
 * One step of a run: a unit of work with a name, taking the value it works on and returning what it
 * found or made. Steps hold only what is fixed for the run (ports, the state store, tuning), so one
 * set of step objects serves both the forward path and the rollback ({@link Steps}). {@link
 * RunRecorder#step} runs a step, times it and reports it under its name.
 *
 * @param <I> what the step works on ({@link Void} for none)
 * @param <O> what it returns ({@link Void} for nothing)
 */
interface Step<I, O> {

  StepName name();

  O run(I input) throws Exception;
}
