package io.stow.it.bench.harness;

import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.SelfSignedTls;
import io.stow.it.support.StowYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A host as production runs it, on loopback: a deployment repository, a locked-down configuration
 * directory (HTTPS with a self-signed certificate, a poll interval of an hour so that only the
 * benchmark's triggers start reconciles), and the real {@code stow daemon} process ({@link
 * DaemonProcess}) deploying the folder {@code host-1} to the real engine.
 *
 * <p>The repository is a plain Git remote on the local disk ({@code git.url: file://...}), not the
 * fake GitLab: stow's GitLab client keeps archive downloads within GitLab.com's limit of 5 a
 * minute, and every triggered reconcile downloads the folder, so a benchmark that triggers more
 * often than that would measure the throttle.
 */
public final class HostDaemon implements AutoCloseable {

  private static final String FOLDER = "host-1";

  private final LocalGitRemote remote;
  private final Path config;
  private final SelfSignedTls tls;
  private final DaemonProcess daemon;
  private String head;

  private HostDaemon(
      LocalGitRemote remote, Path config, SelfSignedTls tls, DaemonProcess daemon, String head) {
    this.remote = remote;
    this.config = config;
    this.tls = tls;
    this.daemon = daemon;
    this.head = head;
  }

  /**
   * Commits {@code yaml} as the host's folder, starts the daemon in {@code dir} with the unit's
   * environment, and waits until it runs that commit.
   */
  public static HostDaemon start(BenchContext context, Path dir, StowYaml yaml) throws Exception {
    LocalGitRemote remote = LocalGitRemote.create(Files.createDirectories(dir.resolve("repo")));
    try {
      String head = remote.commit(Map.of(FOLDER + "/stow.yaml", yaml.render()));
      SelfSignedTls tls = SelfSignedTls.create();
      Path etc = Files.createDirectories(dir.resolve("etc"));
      tls.write(etc);
      Path config = etc.resolve("daemon.yaml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "git:",
              "  url: \"" + remote.url() + "\"",
              "  branch: main",
              "subfolder: " + FOLDER,
              "stateDir: \"" + dir.resolve("state") + "\"",
              "listen: \"127.0.0.1:0\"",
              "pollInterval: 1h",
              "tlsCrt: tls.crt",
              "tlsKey: tls.key",
              ""),
          StandardCharsets.UTF_8);
      DaemonConfigDir.requireRoot();
      DaemonConfigDir.lockDown(etc);
      DaemonProcess daemon =
          DaemonProcess.start(
              context.launcher(),
              config,
              dir.resolve("daemon.log"),
              BenchContext.daemonEnvironment(),
              tls.clientContext());
      HostDaemon host = new HostDaemon(remote, config, tls, daemon, head);
      try {
        host.awaitRunning(head, Duration.ofMinutes(5));
      } catch (Exception | Error e) {
        daemon.close();
        throw e;
      }
      return host;
    } catch (Exception | Error e) {
      remote.close();
      throw e;
    }
  }

  /** Commits {@code yaml} as the host's folder; the new head (nothing is triggered). */
  public String push(StowYaml yaml) throws Exception {
    head = remote.commit(Map.of(FOLDER + "/stow.yaml", yaml.render()));
    return head;
  }

  public String head() {
    return head;
  }

  public DaemonProcess daemon() {
    return daemon;
  }

  /** The daemon's configuration file, for composing the same engine in the benchmark's JVM. */
  public Path config() {
    return config;
  }

  /**
   * Writes the daemon's certificate and key as {@code tls.crt} and {@code tls.key} in {@code dir}.
   */
  public void writeTls(Path dir) {
    tls.write(dir);
  }

  /** Waits until the daemon is idle and the badge of {@code commit} says it runs. */
  public void awaitRunning(String commit, Duration timeout) {
    daemon.client().awaitIdle(timeout);
    String state = daemon.client().status(commit).path("state").asText();
    if (!state.equals("running")) {
      throw new IllegalStateException(
          "the daemon does not run " + commit + " (state " + state + "):\n" + logOrWhy());
    }
  }

  private String logOrWhy() {
    try {
      return daemon.log();
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    try {
      daemon.close();
    } finally {
      remote.close();
    }
  }
}
