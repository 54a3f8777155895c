package io.stow.daemon;

import io.stow.daemon.http.HttpLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The daemon's tuning, beyond what {@code daemon.yaml} configures: HTTP bounds and the bounds of
 * status resolution. The defaults are what {@code stow daemon} uses; embedders and tests pass
 * others through {@link DaemonComposition#settings()}.
 *
 * @param statusMaxAge how old the host status (one Docker list and an inspect per container) may be
 *     before a request starts a background refresh
 * @param resolveCacheSize how many commit -> deployment hash answers are remembered
 * @param resolveBurst how many commit resolutions (each downloads an archive) may start at once
 * @param resolveRefill after the burst, one more resolution may start per this period
 * @param resolveThreads how many resolutions run at the same time
 * @param unknownFor how long a commit that could not be resolved is answered unknown without trying
 *     again
 * @param shutdownGrace how long a stop waits for a run under way before interrupting it (an
 *     interrupted apply is rolled back at the next start)
 */
public record DaemonSettings(
    HttpLimits http,
    Duration statusMaxAge,
    int resolveCacheSize,
    int resolveBurst,
    Duration resolveRefill,
    int resolveThreads,
    Duration unknownFor,
    Duration shutdownGrace) {

  public DaemonSettings {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(statusMaxAge, "statusMaxAge");
    Objects.requireNonNull(resolveRefill, "resolveRefill");
    Objects.requireNonNull(unknownFor, "unknownFor");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (resolveCacheSize < 1 || resolveBurst < 1 || resolveThreads < 1) {
      throw new IllegalArgumentException(
          "resolveCacheSize, resolveBurst and resolveThreads must be at least 1");
    }
  }

  /**
   * HTTP defaults; host status at most 1 s old; 1,024 remembered commits; 3 resolutions at once,
   * then one per 30 s, two at a time; failures remembered for a minute; 30 s to finish a run.
   *
   * <p>The resolution bound stays under GitLab's archive limit (5 downloads a minute per user on
   * GitLab.com, which the GitLab client keeps to by waiting): badge requests use at most 3 of them
   * in a burst and 2 a minute after that, so a triggered reconcile finds a free slot.
   */
  public static DaemonSettings defaults() {
    return new DaemonSettings(
        HttpLimits.defaults(),
        Duration.ofSeconds(1),
        1024,
        3,
        Duration.ofSeconds(30),
        2,
        Duration.ofMinutes(1),
        Duration.ofSeconds(30));
  }

  public DaemonSettings withHttp(HttpLimits value) {
    return new DaemonSettings(
        value,
        statusMaxAge,
        resolveCacheSize,
        resolveBurst,
        resolveRefill,
        resolveThreads,
        unknownFor,
        shutdownGrace);
  }

  /** The download bound: {@code burst} at once, then one per {@code refill}. */
  public DaemonSettings withResolveBound(int burst, Duration refill) {
    return new DaemonSettings(
        http,
        statusMaxAge,
        resolveCacheSize,
        burst,
        refill,
        resolveThreads,
        unknownFor,
        shutdownGrace);
  }
}
