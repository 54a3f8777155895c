package io.stow.daemon;

import io.stow.daemon.host.EngineHostActions;
import io.stow.daemon.host.HostActions;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.host.TokenBucket;
import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.log.EventLog;
import io.stow.daemon.metrics.DaemonMetrics;
import io.stow.daemon.metrics.NotificationStats;
import io.stow.daemon.schedule.PollTimer;
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.status.RecentRuns;
import io.stow.daemon.status.StatusService;
import io.stow.docker.DockerHost;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileContext;
import io.stow.engine.Reconciler;
import io.stow.engine.config.ConfiguredHost;
import io.stow.gitlab.GitLabClientBuilder;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.HostName;
import io.stow.model.parse.DaemonConfigParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The composition root of the daemon: builds the engine objects the configuration describes and the
 * daemon's parts around them, once, in one place. Getters are memoised; embedders and tests
 * override {@link #settings()}, {@link #clock()} and {@link #customize}. Nothing here reads the
 * configuration before {@link StowDaemon#start} has checked its directory.
 */
public class DaemonComposition {

  private final Path configFile;
  private final DaemonLog log;
  private final Supplier<DockerHost> docker;
  private DaemonConfig config;
  private ConfiguredHost host;
  private HostActions actions;
  private HostStatusCache hostStatus;
  private RevisionResolver resolver;
  private Scheduler scheduler;
  private StatusService status;
  private DaemonMetrics metrics;
  private RecentRuns recentRuns;
  private ExecutorService runner;
  private ExecutorService resolvers;
  private ScheduledExecutorService timer;

  /**
   * @param configFile the daemon configuration, e.g. {@code /etc/stow/daemon.yaml}
   * @param docker the Docker engine (asked on first use)
   */
  public DaemonComposition(Path configFile, DaemonLog log, Supplier<DockerHost> docker) {
    this.configFile = configFile.toAbsolutePath().normalize();
    this.log = Objects.requireNonNull(log, "log");
    this.docker = Objects.requireNonNull(docker, "docker");
  }

  public Path configFile() {
    return configFile;
  }

  public DaemonLog log() {
    return log;
  }

  /** The daemon's tuning; {@link DaemonSettings#defaults()} unless overridden. */
  protected DaemonSettings settings() {
    return DaemonSettings.defaults();
  }

  protected Clock clock() {
    return Clock.systemUTC();
  }

  /** Adjusts the engine's context (e.g. verification poll interval) before it is built. */
  protected void customize(ReconcileContext.Builder context) {}

  /** Adjusts the GitLab client (e.g. its timeouts) before it is built. */
  protected void customize(GitLabClientBuilder gitlab) {}

  /**
   * The listener of the reconciles the daemon runs, around the one that logs them; the CLI adds its
   * fault-injection point here.
   */
  protected EngineEvents instrument(EngineEvents events) {
    return events;
  }

  /** The parsed configuration (the subfolder defaults to this host's name). */
  public synchronized DaemonConfig config() {
    if (config == null) {
      config = DaemonConfigParser.parse(configFile, HostName::current);
    }
    return config;
  }

  public synchronized ConfiguredHost host() {
    if (host == null) {
      host = new ConfiguredHost(config(), note -> log.info("gitlab: " + note), this::customize);
    }
    return host;
  }

  public synchronized HostActions actions() {
    if (actions == null) {
      actions =
          new EngineHostActions(
              reconciler(instrument(new EventLog(log))),
              reconciler(EngineEvents.NONE),
              metrics().counting(host().source()));
    }
    return actions;
  }

  public synchronized HostStatusCache hostStatus() {
    if (hostStatus == null) {
      hostStatus =
          new HostStatusCache(actions()::status, clock(), settings().statusMaxAge(), timer(), log);
    }
    return hostStatus;
  }

  public synchronized RevisionResolver resolver() {
    if (resolver == null) {
      DaemonSettings s = settings();
      resolver =
          new RevisionResolver(
              actions()::resolve,
              resolvers(),
              s.resolveCacheSize(),
              new TokenBucket(clock(), s.resolveBurst(), s.resolveRefill()),
              s.unknownFor(),
              clock(),
              log);
    }
    return resolver;
  }

  public synchronized Scheduler scheduler() {
    if (scheduler == null) {
      scheduler =
          new Scheduler(
              actions(),
              hostStatus(),
              resolver(),
              runner(),
              PollTimer.on(timer()),
              config().pollInterval(),
              clock(),
              log,
              runListener());
    }
    return scheduler;
  }

  /**
   * Who hears about every run, in order: add a listener (notifications, commit statuses) to the
   * list; embedders and tests may override.
   */
  protected RunListener runListener() {
    return RunListener.all(List.of(metrics().runs(), recentRuns()));
  }

  /**
   * The notifier's counts for {@code stow_notifications_total{target,result}}: return the
   * notifier's {@link NotificationStats} here. Until then the metric has no samples.
   */
  protected NotificationStats notificationStats() {
    return NotificationStats.NONE;
  }

  /** The Prometheus metrics of {@code GET /metrics}; read at scrape time, never blocking. */
  public synchronized DaemonMetrics metrics() {
    if (metrics == null) {
      metrics =
          new DaemonMetrics(
              () -> scheduler().state(),
              () -> scheduler().triggerCounts(),
              () -> hostStatus().current(),
              () -> resolver().stats(),
              notificationStats());
    }
    return metrics;
  }

  /** The last runs, for the dashboard. */
  public synchronized RecentRuns recentRuns() {
    if (recentRuns == null) {
      recentRuns = new RecentRuns();
    }
    return recentRuns;
  }

  public synchronized StatusService status() {
    if (status == null) {
      status = new StatusService(scheduler(), hostStatus(), resolver());
    }
    return status;
  }

  /** The one thread that runs reconciles, repairs and recoveries. */
  synchronized ExecutorService runner() {
    if (runner == null) {
      runner =
          new ThreadPoolExecutor(
              1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads("stow-run"));
    }
    return runner;
  }

  /** Threads that resolve commits for status requests; they end when idle. */
  synchronized ExecutorService resolvers() {
    if (resolvers == null) {
      int n = settings().resolveThreads();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("stow-resolve"));
      pool.allowCoreThreadTimeOut(true);
      resolvers = pool;
    }
    return resolvers;
  }

  /** One thread for poll ticks and host status refreshes. */
  synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, threads("stow-timer"));
      pool.setRemoveOnCancelPolicy(true);
      timer = pool;
    }
    return timer;
  }

  private Reconciler reconciler(EngineEvents events) {
    ReconcileContext.Builder builder = host().contextBuilder(docker.get(), events);
    customize(builder);
    return new Reconciler(builder.build());
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
