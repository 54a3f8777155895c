package io.stow.daemon.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** Collects tasks; a test runs them when it wants, on its own thread. */
public final class ManualExecutor implements Executor {

  private final Deque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.addLast(task);
  }

  public synchronized int pending() {
    return tasks.size();
  }

  /** Runs the oldest task; false when there is none. */
  public boolean runNext() {
    Runnable task;
    synchronized (this) {
      task = tasks.pollFirst();
    }
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }

  /** Runs tasks until none is left (including tasks they add). */
  public int runAll() {
    int n = 0;
    while (runNext()) {
      n++;
    }
    return n;
  }
}
