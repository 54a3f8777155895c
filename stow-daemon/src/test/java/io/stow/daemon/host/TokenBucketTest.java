package io.stow.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.daemon.fakes.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void aFullBucket_givesItsCapacity_thenOnePerPeriod() {
    TokenBucket bucket = new TokenBucket(clock, 3, Duration.ofSeconds(10));

    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(Duration.ofSeconds(9));
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void aLongPause_refillsNoMoreThanTheCapacity() {
    TokenBucket bucket = new TokenBucket(clock, 2, Duration.ofSeconds(1));
    bucket.tryTake();
    bucket.tryTake();

    clock.advance(Duration.ofHours(1));

    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void aZeroCapacityOrPeriod_isRefused() {
    assertThatThrownBy(() -> new TokenBucket(clock, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(clock, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
