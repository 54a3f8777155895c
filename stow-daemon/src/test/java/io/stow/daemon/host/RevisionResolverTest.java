package io.stow.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.FakeHostActions;
import io.stow.daemon.fakes.ManualExecutor;
import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RevisionResolverTest {

  private final MutableClock clock = new MutableClock();
  private final RecordingLog log = new RecordingLog();
  private final FakeHostActions host = new FakeHostActions();
  private final ManualExecutor executor = new ManualExecutor();

  private RevisionResolver resolver(int cacheSize, int burst) {
    return new RevisionResolver(
        host::resolve,
        executor,
        cacheSize,
        new TokenBucket(clock, burst, Duration.ofSeconds(10)),
        Duration.ofMinutes(1),
        clock,
        log.log());
  }

  private static String sha(int i) {
    return String.format("%040x", i);
  }

  @Test
  void resolve_runsOnTheExecutor_andCachesTheHash() {
    host.commit(sha(1), "hash-1");
    RevisionResolver resolver = resolver(8, 4);

    CompletableFuture<Resolution> first = resolver.resolve(sha(1));
    assertThat(first).isNotDone();
    executor.runAll();

    assertThat(first.join().deploymentHash()).contains("hash-1");
    assertThat(resolver.resolve(sha(1)).join().deploymentHash()).contains("hash-1");
    assertThat(host.count("resolve " + sha(1))).isEqualTo(1);
  }

  @Test
  void concurrentRequestsForOneCommit_shareOneResolution() {
    host.commit(sha(1), "hash-1");
    RevisionResolver resolver = resolver(8, 4);

    List<CompletableFuture<Resolution>> waiting = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiting.add(resolver.resolve(sha(1)));
    }
    assertThat(executor.pending()).isEqualTo(1);
    executor.runAll();

    assertThat(waiting).allSatisfy(f -> assertThat(f.join().deploymentHash()).contains("hash-1"));
    assertThat(host.count("resolve " + sha(1))).isEqualTo(1);
  }

  @Test
  void beyondTheDownloadBudget_theAnswerIsUnknownAtOnce_andNothingIsDownloaded() {
    RevisionResolver resolver = resolver(1024, 3);
    for (int i = 0; i < 1000; i++) {
      host.commit(sha(i), "hash-" + i);
    }

    List<CompletableFuture<Resolution>> answers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      answers.add(resolver.resolve(sha(i)));
    }

    assertThat(executor.pending()).isEqualTo(3);
    assertThat(answers.subList(3, 1000))
        .allSatisfy(
            f -> {
              assertThat(f).isDone();
              assertThat(f.join().isKnown()).isFalse();
              assertThat(f.join().reason())
                  .hasValueSatisfying(r -> assertThat(r).contains("too many"));
            });
    executor.runAll();
    assertThat(host.calls()).hasSize(3);

    clock.advance(Duration.ofSeconds(10));
    assertThat(resolver.resolve(sha(500))).isNotDone();
    assertThat(resolver.resolve(sha(501)).join().isKnown()).isFalse();
  }

  @Test
  void aCommitThatCannotBeResolved_isUnknownForAMinute_thenTriedAgain() {
    RevisionResolver resolver = resolver(8, 4);

    CompletableFuture<Resolution> first = resolver.resolve(sha(7));
    executor.runAll();
    assertThat(first.join().reason()).hasValueSatisfying(r -> assertThat(r).contains("404"));
    assertThat(resolver.resolve(sha(7)).join().isKnown()).isFalse();
    assertThat(executor.pending()).isZero();
    assertThat(log.text()).contains("cannot resolve commit " + sha(7));

    clock.advance(Duration.ofMinutes(1));
    host.commit(sha(7), "hash-7");
    CompletableFuture<Resolution> later = resolver.resolve(sha(7));
    executor.runAll();
    assertThat(later.join().deploymentHash()).contains("hash-7");
  }

  @Test
  void theCache_keepsTheMostRecentlyUsedCommitsOnly() {
    RevisionResolver resolver = resolver(2, 4);
    resolver.remember(sha(1), "hash-1");
    resolver.remember(sha(2), "hash-2");
    assertThat(resolver.cached(sha(1))).isPresent(); // 1 is now the most recently used
    resolver.remember(sha(3), "hash-3");

    assertThat(resolver.cached(sha(1))).isPresent();
    assertThat(resolver.cached(sha(2))).isEmpty();
    assertThat(resolver.cached(sha(3))).isPresent();
  }

  @Test
  void remembered_commitsNeedNoDownload() {
    RevisionResolver resolver = resolver(8, 1);
    resolver.remember(sha(4), "hash-4");

    assertThat(resolver.resolve(sha(4)).join().deploymentHash()).contains("hash-4");
    assertThat(executor.pending()).isZero();
    assertThat(host.calls()).isEmpty();
  }
}
