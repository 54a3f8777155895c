package io.stow.daemon.notify;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One sender thread with its own drop-oldest queue: {@link #offer} returns at once whatever the
 * receiver does, so a slow or dead receiver delays only its own queue, never a run or another
 * target.
 */
final class Worker<T> {

  private final DropOldestQueue<T> queue;
  private final Consumer<T> handler;
  private final Thread thread;

  /**
   * @param handler handles one entry on the worker's thread; must not throw (what it throws is
   *     ignored)
   */
  Worker(String threadName, int capacity, Consumer<T> handler) {
    this.queue = new DropOldestQueue<>(capacity);
    this.handler = handler;
    this.thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code item}; returns the oldest entry dropped to make room, if the queue was full. */
  Optional<T> offer(T item) {
    return queue.add(item);
  }

  /** Lets what is queued go out within {@code grace}, then stops the thread. */
  void close(Duration grace) {
    try {
      queue.awaitIdle(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      T item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        handler.accept(item);
      } catch (RuntimeException e) {
        // a handler reports its own failures; one bad entry must not end the thread
      } finally {
        queue.done();
      }
    }
  }
}
