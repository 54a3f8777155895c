package io.stow.daemon.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.Scheduler.TriggerOutcome;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.engine.source.TrackedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The daemon's Prometheus metrics ({@code GET /metrics}), in one registry of its own. Runs are
 * counted as they end ({@link #runs()}), folder downloads as they happen ({@link #counting}); the
 * rest is read at scrape time from what the daemon keeps anyway (the scheduler's state, the cached
 * host status, the resolver's counts, the notifier's counts), so a scrape never asks Docker or
 * GitLab and never waits for a run.
 */
public final class DaemonMetrics {

  /** {@code text/plain; version=0.0.4; charset=utf-8}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer =
      PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
  private final RunMetrics runs;
  private final Counter downloads;

  /**
   * @param scheduler the scheduler's state, read per scrape (never blocks)
   * @param triggers the scheduler's trigger counts, read per scrape
   * @param host the cached host status, read per scrape
   * @param statusCache the resolver's counts, read per scrape
   * @param notifications the notifier's counts, read per scrape
   */
  public DaemonMetrics(
      Supplier<SchedulerState> scheduler,
      Supplier<Map<TriggerOutcome, Long>> triggers,
      Supplier<HostStatusCache.Reading> host,
      Supplier<RevisionResolver.Stats> statusCache,
      NotificationStats notifications) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(triggers, "triggers");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(statusCache, "statusCache");
    Objects.requireNonNull(notifications, "notifications");
    runs = new RunMetrics(registry);
    downloads =
        Counter.builder()
            .name("stow_archive_downloads_total")
            .help(
                "Downloads of the deployment folder at a commit (a GitLab archive or a Git fetch)"
                    + " by purpose (reconcile, status) and result (ok, error)")
            .labelNames("purpose", "result")
            .register(registry);
    for (String purpose : new String[] {"reconcile", "status"}) {
      downloads.labelValues(purpose, "ok");
      downloads.labelValues(purpose, "error");
    }
    GaugeWithCallback.builder()
        .name("stow_queued_triggers")
        .help("Reconciles waiting behind the one that runs (triggers coalesce: 0 or 1)")
        .callback(cb -> cb.call(scheduler.get().queued() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("stow_run_in_progress")
        .help("1 while a run (reconcile, repair, recovery) is under way or about to begin")
        .callback(cb -> cb.call(scheduler.get().idle() ? 0 : 1))
        .register(registry);
    CounterWithCallback.builder()
        .name("stow_triggers_total")
        .help("Accepted triggers by outcome: started a reconcile, queued one, or refused")
        .labelNames("outcome")
        .callback(
            cb ->
                triggers
                    .get()
                    .forEach((outcome, n) -> cb.call(n, outcome.name().toLowerCase(Locale.ROOT))))
        .register(registry);
    CounterWithCallback.builder()
        .name("stow_status_cache_hits_total")
        .help(
            "Commit lookups of status and badge requests answered from the resolver's cache or"
                + " by a resolution already under way")
        .callback(
            cb -> {
              RevisionResolver.Stats s = statusCache.get();
              cb.call(s.hits() + s.shared());
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("stow_status_cache_misses_total")
        .help("Commit lookups that started a resolution (a download of the folder)")
        .callback(cb -> cb.call(statusCache.get().misses()))
        .register(registry);
    CounterWithCallback.builder()
        .name("stow_status_cache_throttled_total")
        .help("Commit lookups answered 'unknown' at once because the download budget was spent")
        .callback(cb -> cb.call(statusCache.get().throttled()))
        .register(registry);
    CounterWithCallback.builder()
        .name("stow_notifications_total")
        .help("Notifications by target and result (none until a notifier provides its counts)")
        .labelNames("target", "result")
        .callback(
            cb -> {
              for (NotificationStats.Count c : notifications.counts()) {
                cb.call(c.value(), c.target(), c.result());
              }
            })
        .register(registry);
    HostMetrics.register(registry, host);
    BuildInfo.register(registry);
  }

  /** Hears every run; add it to the daemon's run listeners. */
  public RunListener runs() {
    return runs;
  }

  /**
   * {@code source}, counting each download of the folder in {@code stow_archive_downloads_total}.
   */
  public TrackedSource counting(TrackedSource source) {
    return new CountingSource(source, downloads);
  }

  /** Every metric now, in the Prometheus text format (UTF-8). */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the metrics", e);
    }
    return out.toByteArray();
  }
}
