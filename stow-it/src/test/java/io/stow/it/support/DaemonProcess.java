package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stow daemon} as the separate process systemd runs (the built CLI jar), with a client for
 * its HTTP API once it listens. Containers it creates cannot carry the test label: give them names
 * that start with {@link TestDocker#name}, by which {@link TestDocker} cleans up.
 */
public final class DaemonProcess {

  private static final Pattern LISTENING =
      Pattern.compile("listening on (https?://[0-9.]+:[0-9]+)");

  private final StowProcess process;
  private final DaemonClient client;

  private DaemonProcess(StowProcess process, DaemonClient client) {
    this.process = process;
    this.client = client;
  }

  /**
   * Starts {@code stow daemon --config CONFIG} with {@code env} added to its environment and waits
   * (at most a minute) until it listens; its output goes to {@code logDir/<name>.out|.err}.
   */
  public static DaemonProcess start(
      Path logDir, String name, Path config, Map<String, String> env) {
    StowProcess process =
        StowProcess.start(logDir, name, null, env, "daemon", "--config", config.toString());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      StowProcess.Result so = process.outputSoFar();
      Matcher m = LISTENING.matcher(so.stdout());
      if (m.find()) {
        return new DaemonProcess(process, new DaemonClient(m.group(1), Optional.empty()));
      }
      if (!process.isAlive()) {
        fail("the daemon %s exited: %s", name, so);
      }
      TestDocker.sleep(Duration.ofMillis(100));
    }
    process.kill();
    return fail("the daemon %s did not listen within 60 s: %s", name, process.outputSoFar());
  }

  public DaemonClient client() {
    return client;
  }

  public StowProcess process() {
    return process;
  }

  /** Waits until its standard error contains {@code text}; fails when it exits first. */
  public void awaitStderr(String text, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      StowProcess.Result so = process.outputSoFar();
      if (so.stderr().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        fail("the daemon exited before it printed '%s': %s", text, so);
      }
      TestDocker.sleep(Duration.ofMillis(50));
    }
    fail("the daemon never printed '%s' within %s: %s", text, timeout, process.outputSoFar());
  }

  /** Its output: SIGTERM first when it still runs (a minute at most), then what it wrote. */
  public StowProcess.Result stop() {
    return process.isAlive() ? process.terminate(Duration.ofSeconds(60)) : process.outputSoFar();
  }
}
