package io.stow.daemon.schedule;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several {@link RunListener}s as one, told in order; what one throws does not keep the others from
 * hearing (and, as for any listener, never reaches the run).
 */
public final class RunListeners implements RunListener {

  private final List<RunListener> listeners;
  private final Consumer<String> problems;

  private RunListeners(List<RunListener> listeners, Consumer<String> problems) {
    this.listeners = List.copyOf(listeners);
    this.problems = problems;
  }

  /**
   * @param problems where a listener's failure is reported (a log line)
   */
  public static RunListener of(List<RunListener> listeners, Consumer<String> problems) {
    return listeners.isEmpty() ? RunListener.NONE : new RunListeners(listeners, problems);
  }

  @Override
  public void reconcileStarted(Instant at) {
    for (RunListener listener : listeners) {
      safely(() -> listener.reconcileStarted(at));
    }
  }

  @Override
  public void finished(Finished run) {
    for (RunListener listener : listeners) {
      safely(() -> listener.finished(run));
    }
  }

  private void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      problems.accept(
          "a run listener failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }
}
