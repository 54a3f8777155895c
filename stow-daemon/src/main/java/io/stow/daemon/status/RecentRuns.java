package io.stow.daemon.status;

import io.stow.daemon.schedule.RunListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@link #CAPACITY} runs, in memory (a restart forgets them; the journal keeps the log
 * lines). Fed by the scheduler as a {@link RunListener}; read by the dashboard.
 */
public final class RecentRuns implements RunListener {

  /** How many runs are kept. */
  public static final int CAPACITY = 20;

  private final Deque<RecentRun> runs = new ArrayDeque<>(CAPACITY);

  @Override
  public void finished(Finished run) {
    RecentRun recent = RecentRun.of(run);
    synchronized (runs) {
      if (runs.size() == CAPACITY) {
        runs.removeLast();
      }
      runs.addFirst(recent);
    }
  }

  /** The kept runs, the newest first. */
  public List<RecentRun> newestFirst() {
    synchronized (runs) {
      return List.copyOf(new ArrayList<>(runs));
    }
  }
}
