package io.stow.daemon.host;

import io.stow.daemon.log.DaemonLog;
import io.stow.engine.ResolvedRevision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Resolves commits to the deployment hash they describe, for status requests and badges, without
 * ever holding up the daemon: a resolution (download, decrypt, hash) runs on {@code executor},
 * outside any lock; concurrent requests for one commit share one resolution; answers are kept in a
 * bounded LRU cache (hashes only); and a {@link TokenBucket} bounds how many resolutions start, so
 * a flood of requests for unknown commits gets "unknown" at once instead of a pile of downloads. A
 * commit that cannot be resolved is remembered as unknown for {@code unknownFor}.
 */
public final class RevisionResolver {

  /**
   * How {@link #resolve} calls were answered since the start: from the cache ({@code hits}); by
   * starting a resolution, that is a download ({@code misses}); by joining one under way ({@code
   * shared}); or at once as unknown because the download budget was spent ({@code throttled}).
   */
  public record Stats(long hits, long misses, long shared, long throttled) {}

  private record Entry(Resolution resolution, Instant expiresAt) {}

  private final Function<String, ResolvedRevision> resolve;
  private final Executor executor;
  private final TokenBucket downloads;
  private final Clock clock;
  private final Duration unknownFor;
  private final DaemonLog log;
  private final Map<String, Entry> cache;
  private final Map<String, CompletableFuture<Resolution>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder shared = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  /**
   * @param resolve what a commit deploys (the engine's resolve), called on {@code executor}
   * @param cacheSize how many commits are remembered
   * @param downloads bounds how many resolutions start
   */
  public RevisionResolver(
      Function<String, ResolvedRevision> resolve,
      Executor executor,
      int cacheSize,
      TokenBucket downloads,
      Duration unknownFor,
      Clock clock,
      DaemonLog log) {
    this.resolve = Objects.requireNonNull(resolve, "resolve");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.unknownFor = Objects.requireNonNull(unknownFor, "unknownFor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be at least 1: " + cacheSize);
    }
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > cacheSize;
          }
        };
  }

  /** What is known about {@code commit} without resolving it; empty when nothing is. */
  public Optional<Resolution> cached(String commit) {
    synchronized (cache) {
      Entry entry = cache.get(commit);
      if (entry == null) {
        return Optional.empty();
      }
      if (!clock.instant().isBefore(entry.expiresAt())) {
        cache.remove(commit);
        return Optional.empty();
      }
      return Optional.of(entry.resolution());
    }
  }

  /** Remembers what a run learnt for free: {@code commit} deploys {@code deploymentHash}. */
  public void remember(String commit, String deploymentHash) {
    put(Resolution.known(commit, deploymentHash), Instant.MAX);
  }

  /**
   * The resolution of {@code commit}: at once when it is cached or when the download budget is
   * spent (then unknown), else when the shared resolution of the commit ends.
   */
  public CompletableFuture<Resolution> resolve(String commit) {
    Optional<Resolution> known = cached(commit);
    if (known.isPresent()) {
      hits.increment();
      return CompletableFuture.completedFuture(known.get());
    }
    CompletableFuture<Resolution> running = inFlight.get(commit);
    if (running != null) {
      shared.increment();
      return running;
    }
    if (!downloads.tryTake()) {
      throttled.increment();
      return CompletableFuture.completedFuture(
          Resolution.unknown(
              commit, "too many commits to resolve at the moment; ask again in a minute"));
    }
    CompletableFuture<Resolution> mine = new CompletableFuture<>();
    CompletableFuture<Resolution> other = inFlight.putIfAbsent(commit, mine);
    if (other != null) {
      shared.increment();
      return other;
    }
    misses.increment();
    try {
      executor.execute(() -> run(commit, mine));
    } catch (RejectedExecutionException e) {
      inFlight.remove(commit, mine);
      mine.complete(Resolution.unknown(commit, "the daemon is shutting down"));
    }
    return mine;
  }

  /** The counts so far; cheap, for each scrape of the metrics. */
  public Stats stats() {
    return new Stats(hits.sum(), misses.sum(), shared.sum(), throttled.sum());
  }

  private void run(String commit, CompletableFuture<Resolution> result) {
    Resolution resolution;
    try {
      ResolvedRevision resolved = resolve.apply(commit);
      resolution = Resolution.known(commit, resolved.deploymentHash());
      put(resolution, Instant.MAX);
    } catch (RuntimeException e) {
      String why = "cannot resolve commit " + commit + ": " + e.getMessage();
      log.warn(why);
      resolution = Resolution.unknown(commit, why);
      put(resolution, clock.instant().plus(unknownFor));
    } finally {
      inFlight.remove(commit, result);
    }
    result.complete(resolution);
  }

  private void put(Resolution resolution, Instant expiresAt) {
    synchronized (cache) {
      cache.put(resolution.commit(), new Entry(resolution, expiresAt));
    }
  }
}
