package io.stow.engine.steps;

import io.stow.engine.ContainerOutcome;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.plan.PlannedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per planned action, at most {@code concurrency} at once. Every action is attempted
 * even when another fails, so what happened does not depend on timing; outcomes reach the consumer
 * in plan order after every task ended, and the first failure in plan order is rethrown. With a
 * concurrency of 1 everything runs on the calling thread.
 */
final class ParallelActions {

  private final int concurrency;

  ParallelActions(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    this.concurrency = concurrency;
  }

  /** What one task did: an outcome to record (if any) and its failure (if any). */
  private record Done(Optional<ContainerOutcome> outcome, RuntimeException failure) {}

  void run(
      List<PlannedAction> actions,
      Function<PlannedAction, Optional<ContainerOutcome>> task,
      Consumer<ContainerOutcome> outcomes) {
    List<Done> done = new ArrayList<>();
    if (concurrency == 1 || actions.size() <= 1) {
      for (PlannedAction action : actions) {
        done.add(attempt(action, task));
      }
    } else {
      done.addAll(inParallel(actions, task));
    }
    RuntimeException first = null;
    for (Done d : done) {
      d.outcome().ifPresent(outcomes);
      if (first == null && d.failure() != null) {
        first = d.failure();
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private List<Done> inParallel(
      List<PlannedAction> actions, Function<PlannedAction, Optional<ContainerOutcome>> task) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, actions.size()),
            runnable -> {
              Thread thread = new Thread(runnable, "stow-apply");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Done>> futures = new ArrayList<>();
      for (PlannedAction action : actions) {
        futures.add(pool.submit(() -> attempt(action, task)));
      }
      List<Done> done = new ArrayList<>();
      Error fatal = null;
      for (Future<Done> future : futures) {
        try {
          done.add(await(future));
        } catch (Error e) {
          // wait for the other tasks all the same: none may touch Docker after this returns
          fatal = fatal == null ? e : fatal;
        }
      }
      if (fatal != null) {
        throw fatal;
      }
      return done;
    } finally {
      pool.shutdown();
    }
  }

  private static Done attempt(
      PlannedAction action, Function<PlannedAction, Optional<ContainerOutcome>> task) {
    try {
      return new Done(task.apply(action), null);
    } catch (RuntimeException e) {
      return new Done(Optional.of(failure(action, e)), e);
    }
  }

  private static Done await(Future<Done> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // the task talks to Docker; let it finish so its outcome is known, then re-interrupt
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("an apply task failed unexpectedly", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ContainerOutcome failure(PlannedAction action, RuntimeException e) {
    return new ContainerOutcome(
        action.container(),
        action.kind(),
        Result.FAILED,
        Optional.ofNullable(e.getMessage()).or(() -> Optional.of(e.getClass().getSimpleName())));
  }
}
