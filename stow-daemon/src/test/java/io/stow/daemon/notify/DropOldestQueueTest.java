package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DropOldestQueueTest {

  @Test
  void add_whenFull_dropsTheOldestAndHandsItBack() throws Exception {
    DropOldestQueue<String> queue = new DropOldestQueue<>(2);

    assertThat(queue.add("a")).isEmpty();
    assertThat(queue.add("b")).isEmpty();
    assertThat(queue.add("c")).contains("a");
    assertThat(queue.add("d")).contains("b");

    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take()).isEqualTo("c");
    queue.done();
    assertThat(queue.take()).isEqualTo("d");
  }

  @Test
  void awaitIdle_isFalseWhileAnEntryIsQueuedOrHandled_andTrueAfter() throws Exception {
    DropOldestQueue<String> queue = new DropOldestQueue<>(5);
    assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();

    queue.add("a");
    assertThat(queue.awaitIdle(Duration.ZERO)).isFalse();
    queue.take();
    assertThat(queue.awaitIdle(Duration.ZERO)).as("being handled").isFalse();
    queue.done();

    assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
    assertThat(queue.add("b")).isEqualTo(Optional.empty());
  }
}
