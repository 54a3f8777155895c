package io.stow.daemon.notify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue that never blocks its producer: when full, adding drops the oldest entry and
 * hands it back, so the newest news always has room. Thread-safe.
 */
final class DropOldestQueue<T> {

  private final int capacity;
  private final Deque<T> items = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private boolean busy;

  DropOldestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Adds {@code item} at the end; returns the entry dropped to make room, if any. */
  Optional<T> add(T item) {
    lock.lock();
    try {
      Optional<T> dropped =
          items.size() >= capacity ? Optional.of(items.pollFirst()) : Optional.empty();
      items.addLast(item);
      notEmpty.signal();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the oldest entry and takes it; the queue counts as busy until {@link #done()}. */
  T take() throws InterruptedException {
    lock.lock();
    try {
      while (items.isEmpty()) {
        notEmpty.await();
      }
      busy = true;
      return items.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  /** The entry taken last is handled. */
  void done() {
    lock.lock();
    try {
      busy = false;
      if (items.isEmpty()) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code limit} until nothing is queued or being handled; true if so. */
  boolean awaitIdle(Duration limit) throws InterruptedException {
    long nanos = limit.toNanos();
    lock.lock();
    try {
      while (busy || !items.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }
}
