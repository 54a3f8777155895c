package io.stow.it.bench.harness;

import io.stow.it.support.DaemonClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real {@code stow daemon} process started through the packaged launcher ({@code
 * stow-cli/target/stow}, which uses its class-data-sharing archive when present) with the
 * environment the systemd unit gives it, its log in a file. Triggers go over HTTPS; a run's end is
 * read from the daemon's own log line ({@code reconcile finished: ... in N ms}).
 */
public final class DaemonProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("listening on (https?://[0-9.]+:[0-9]+)");
  private static final Pattern RUN_END =
      Pattern.compile(" reconcile (finished|failed):.* in ([0-9]+) ms");

  private final Process process;
  private final Path log;
  private final LogTail tail;
  private final DaemonClient client;
  private final String url;

  private DaemonProcess(Process process, Path log, LogTail tail, String url, SSLContext tls) {
    this.process = process;
    this.log = log;
    this.tail = tail;
    this.url = url;
    this.client = new DaemonClient(url, Optional.of(tls));
  }

  /**
   * Starts {@code launcher daemon --config config} with {@code environment} added to this
   * process's, and waits until it listens.
   */
  public static DaemonProcess start(
      Path launcher, Path config, Path log, Map<String, String> environment, SSLContext tls)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(launcher.toString(), "daemon", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    LogTail tail = new LogTail(log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (String line : tail.newLines()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return new DaemonProcess(process, log, tail, m.group(1), tls);
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the daemon exited:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the daemon did not listen within 120 s:\n" + Files.readString(log));
  }

  public long pid() {
    return process.pid();
  }

  public String url() {
    return url;
  }

  public DaemonClient client() {
    return client;
  }

  /**
   * Posts {@code /trigger?head_hash=head} and waits until the daemon logs the end of the run it
   * started; returns the client's wall time (milliseconds) and the run's own, as the daemon logs
   * it.
   *
   * @throws IllegalStateException when the run failed or did not end within {@code timeout}
   */
  public RunTimes triggerAndAwaitRun(String head, Duration timeout) throws Exception {
    tail.newLines(); // what came before this trigger
    long start = System.nanoTime();
    int status = client.trigger(head).statusCode();
    if (status != 202) {
      throw new IllegalStateException("POST /trigger answered " + status);
    }
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : tail.newLines()) {
        Matcher end = RUN_END.matcher(line);
        if (end.find()) {
          double clientMillis = (System.nanoTime() - start) / 1e6;
          if (end.group(1).equals("failed")) {
            throw new IllegalStateException("the daemon's run failed: " + line);
          }
          return new RunTimes(clientMillis, Long.parseLong(end.group(2)));
        }
      }
      requireAlive();
      Thread.sleep(1);
    }
    throw new IllegalStateException("no run ended within " + timeout + " of the trigger");
  }

  /** A run's wall time as the client saw it, and as the daemon logged it. */
  public record RunTimes(double clientMillis, long daemonMillis) {}

  /** Resident memory now ({@code VmRSS}), in MiB. */
  public double rssMebibytes() throws IOException {
    return Memory.rssMebibytes(pid());
  }

  /** Every log line so far. */
  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private void requireAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("the daemon exited:\n" + log());
    }
  }

  /** Stops the daemon as systemd does (SIGTERM), killing it after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The lines of the log that match {@code regex}. */
  public List<String> logLines(String regex) throws IOException {
    Pattern p = Pattern.compile(regex);
    List<String> lines = new ArrayList<>();
    for (String line : log().lines().toList()) {
      if (p.matcher(line).find()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
