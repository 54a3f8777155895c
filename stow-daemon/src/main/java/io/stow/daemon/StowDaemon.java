package io.stow.daemon;

import io.stow.daemon.http.DaemonServer;
import io.stow.daemon.http.HttpApi;
import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.log.LibraryLogs;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.startup.ConfigLockdown;
import io.stow.daemon.startup.DaemonStartException;
import io.stow.daemon.startup.TlsIdentity;
import io.stow.model.config.DaemonConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code stow daemon}. {@link #start} checks the configuration directory before reading
 * anything from it, parses the configuration, refuses plain HTTP beyond loopback, loads TLS, binds
 * the listener and starts the scheduler, whose first run rolls back an interrupted apply ({@code
 * /healthz} answers 503 until that is done). Notification targets' token files are read before
 * anything runs. {@link #close} stops the listener and the polls, lets a run under way finish
 * within the shutdown grace, and interrupts it after that.
 */
public final class StowDaemon implements AutoCloseable {

  private final DaemonComposition composition;
  private final DaemonServer server;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private StowDaemon(DaemonComposition composition, DaemonServer server) {
    this.composition = composition;
    this.server = server;
  }

  /**
   * Starts the daemon and returns once it listens.
   *
   * @throws DaemonStartException when the configuration directory is not locked down, TLS cannot be
   *     set up, plain HTTP would reach beyond this machine, or the address cannot be bound
   * @throws io.stow.model.parse.DescriptorException when the configuration is invalid
   * @throws io.stow.daemon.notify.NotifyException when a notification target's token file cannot be
   *     used
   */
  public static StowDaemon start(DaemonComposition composition) {
    DaemonLog log = composition.log();
    LibraryLogs.routeTo(log);
    log.info("stow daemon " + version() + " starting with " + composition.configFile());
    ConfigLockdown.root().enforce(composition.configFile());
    DaemonConfig config = composition.config();
    Optional<TlsIdentity> tls = tls(config, log);
    if (config.triggerToken().isEmpty()) {
      log.warn(
          "no triggerToken is configured: anyone who reaches "
              + config.listen()
              + " can ask for reconciles of the branch head; set triggerToken in "
              + composition.configFile());
    }
    log.info(
        "deploying folder '"
            + config.subfolder()
            + "' of "
            + config
                .gitlab()
                .map(g -> "GitLab project " + g.project())
                .orElseGet(() -> "Git remote " + config.git().orElseThrow().redactedUrl())
            + config.branch().map(b -> ", branch " + b).orElse(", default branch")
            + ", polling every "
            + config.pollInterval().toSeconds()
            + "s, state in "
            + composition.host().stateRoot());
    config
        .gitlabCaCert()
        .ifPresent(
            cas ->
                log.info(
                    "trusting the CA certificates of "
                        + cas.file()
                        + " "
                        + cas.subjects()
                        + " for the source's certificate, besides the Java runtime's CAs"));
    DaemonSettings settings = composition.settings();
    composition.notifications();
    Scheduler scheduler = composition.scheduler();
    composition.hostStatus().refreshNow();
    DaemonServer server =
        new DaemonServer(
            config.listen(),
            tls.map(TlsIdentity::context),
            HttpApi.handler(
                scheduler,
                composition.status(),
                composition.recentRuns(),
                composition.metrics(),
                composition.clock(),
                config.triggerToken(),
                composition.actions()::trackedBranch,
                settings.http(),
                log),
            settings.http());
    try {
      server.start();
    } catch (RuntimeException e) {
      shutdownExecutors(composition, Duration.ZERO);
      throw new DaemonStartException(
          "cannot listen on "
              + config.listen()
              + " ("
              + rootMessage(e)
              + "); is another daemon running there? stop it or change listen in "
              + composition.configFile(),
          e);
    }
    log.info("listening on " + server.url());
    scheduler.start();
    return new StowDaemon(composition, server);
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** {@code https://host:port} or {@code http://host:port}. */
  public String url() {
    return server.url();
  }

  public Scheduler scheduler() {
    return composition.scheduler();
  }

  /** Blocks until {@link #close} has run. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops the daemon; safe to call more than once (e.g. by a test and a shutdown hook). */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    DaemonLog log = composition.log();
    log.info("stopping");
    composition.scheduler().close();
    server.close();
    shutdownExecutors(composition, composition.settings().shutdownGrace());
    log.info("stopped");
    stopped.countDown();
  }

  private static void shutdownExecutors(DaemonComposition composition, Duration grace) {
    composition.timer().shutdownNow();
    composition.resolvers().shutdownNow();
    ExecutorService runner = composition.runner();
    runner.shutdown();
    try {
      if (!runner.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        composition
            .log()
            .warn(
                "a run did not finish within "
                    + grace.toSeconds()
                    + "s; interrupting it (the next start rolls back an unfinished apply)");
        runner.shutdownNow();
        runner.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      runner.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      // after the runs: the last run's notifications are queued by now
      composition.closeNotifications();
    }
  }

  /** HTTPS with the configured PEM files, or plain HTTP on loopback only. */
  private static Optional<TlsIdentity> tls(DaemonConfig config, DaemonLog log) {
    if (!config.tls()) {
      if (!config.listen().isLoopback()) {
        throw new DaemonStartException(
            "refusing to serve plain HTTP on "
                + config.listen()
                + ", which other machines can reach: set tlsCrt and tlsKey (PEM certificate and"
                + " key) in "
                + config.file()
                + " to serve HTTPS, or set listen: 127.0.0.1:"
                + config.listen().port()
                + " and put a TLS proxy in front of the daemon");
      }
      log.warn(
          "no tlsCrt/tlsKey: serving plain HTTP on loopback "
              + config.listen()
              + " (put a TLS proxy in front for other machines)");
      return Optional.empty();
    }
    TlsIdentity identity = TlsIdentity.load(config.tlsCrt().get(), config.tlsKey().get());
    Instant notAfter = identity.leaf().getNotAfter().toInstant();
    String subject = identity.leaf().getSubjectX500Principal().getName();
    if (notAfter.isBefore(Instant.now())) {
      log.error("the TLS certificate " + subject + " expired at " + notAfter + "; renew it");
    } else if (notAfter.isBefore(Instant.now().plus(Duration.ofDays(30)))) {
      log.warn("the TLS certificate " + subject + " expires at " + notAfter + "; renew it soon");
    } else {
      log.info("TLS certificate " + subject + ", valid until " + notAfter);
    }
    return Optional.of(identity);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String version() {
    String version = StowDaemon.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
