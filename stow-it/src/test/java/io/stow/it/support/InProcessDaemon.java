package io.stow.it.support;

import io.stow.daemon.DaemonComposition;
import io.stow.daemon.DaemonSettings;
import io.stow.daemon.StowDaemon;
import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.notify.NotifySettings;
import io.stow.engine.ReconcileContext;
import io.stow.gitlab.GitLabClientBuilder;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.Route;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * {@code stow daemon} in the test JVM, as the CLI composes it but over the test's labelling Docker
 * host (every container it creates is cleaned up) with a short verification poll. Its log lines go
 * to memory and to standard output.
 */
public final class InProcessDaemon implements AutoCloseable {

  private final StowDaemon daemon;
  private final ByteArrayOutputStream logBytes;
  private final DaemonClient client;

  private InProcessDaemon(StowDaemon daemon, ByteArrayOutputStream logBytes, DaemonClient client) {
    this.daemon = daemon;
    this.logBytes = logBytes;
    this.client = client;
  }

  /** Starts the daemon of {@code configFile}; {@code tls} is the client's trust for HTTPS. */
  public static InProcessDaemon start(
      Path configFile, TestDocker docker, DaemonSettings settings, Optional<SSLContext> tls) {
    return start(configFile, docker, settings, tls, gitlab -> {});
  }

  /** The same, with the GitLab client adjusted (e.g. short timeouts) before it is built. */
  public static InProcessDaemon start(
      Path configFile,
      TestDocker docker,
      DaemonSettings settings,
      Optional<SSLContext> tls,
      Consumer<GitLabClientBuilder> gitlabTuning) {
    return start(configFile, docker, settings, tls, gitlabTuning, NotifySettings.defaults());
  }

  /**
   * Waits for a poll to run through: longer than a 10 s poll interval, until the daemon read the
   * branch head from {@code gitlab} again, and then until it is idle (at most {@code idle}).
   */
  public void awaitPoll(FakeGitLab gitlab, Duration idle) {
    int reads = gitlab.requests(Route.BRANCH).size();
    Instant atLeast = Instant.now().plus(Duration.ofSeconds(11));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(atLeast) || gitlab.requests(Route.BRANCH).size() <= reads) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no poll within 60 s");
      }
      TestDocker.sleep(Duration.ofMillis(200));
    }
    client().awaitIdle(idle);
  }

  /** The same, delivering notifications with {@code notify} (e.g. a longer request timeout). */
  public static InProcessDaemon start(
      Path configFile, TestDocker docker, DaemonSettings settings, NotifySettings notify) {
    return start(configFile, docker, settings, Optional.empty(), gitlab -> {}, notify);
  }

  private static InProcessDaemon start(
      Path configFile,
      TestDocker docker,
      DaemonSettings settings,
      Optional<SSLContext> tls,
      Consumer<GitLabClientBuilder> gitlabTuning,
      NotifySettings notify) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(bytes, System.out), true, StandardCharsets.UTF_8);
    DaemonLog log = DaemonLog.to(out, Clock.systemUTC(), false);
    DaemonComposition composition =
        new DaemonComposition(configFile, log, docker::host) {
          @Override
          protected DaemonSettings settings() {
            return settings;
          }

          @Override
          protected NotifySettings notifySettings() {
            return notify;
          }

          @Override
          protected void customize(GitLabClientBuilder gitlab) {
            gitlabTuning.accept(gitlab);
          }

          @Override
          protected void customize(ReconcileContext.Builder context) {
            context
                .verifyPollInterval(Duration.ofMillis(250))
                .defaultStopTimeout(Duration.ofSeconds(1));
          }
        };
    StowDaemon daemon = StowDaemon.start(composition);
    return new InProcessDaemon(daemon, bytes, new DaemonClient(daemon.url(), tls));
  }

  public static InProcessDaemon start(Path configFile, TestDocker docker) {
    return start(configFile, docker, DaemonSettings.defaults(), Optional.empty());
  }

  public DaemonClient client() {
    return client;
  }

  public StowDaemon daemon() {
    return daemon;
  }

  /** Every log line so far. */
  public String log() {
    synchronized (logBytes) {
      return logBytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** How many log lines contain {@code text}. */
  public long logLines(String text) {
    return log().lines().filter(l -> l.contains(text)).count();
  }

  @Override
  public void close() {
    daemon.close();
  }

  private static final class Tee extends OutputStream {
    private final OutputStream one;
    private final OutputStream two;

    Tee(OutputStream one, OutputStream two) {
      this.one = one;
      this.two = two;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      synchronized (one) {
        one.write(b);
      }
      two.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      synchronized (one) {
        one.write(b, off, len);
      }
      two.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      two.flush();
    }
  }
}
