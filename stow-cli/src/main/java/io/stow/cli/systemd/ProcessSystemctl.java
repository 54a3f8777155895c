package io.stow.cli.systemd;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code systemctl} found on the {@code PATH} of the given environment, run as a child process
 * with that environment, its output captured.
 */
public final class ProcessSystemctl implements Systemctl {

  /** How long one call may take: {@code restart} waits for the service to start. */
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Path executable;
  private final Map<String, String> environment;

  private ProcessSystemctl(Path executable, Map<String, String> environment) {
    this.executable = executable;
    this.environment = environment;
  }

  /**
   * The {@code systemctl} on {@code environment}'s {@code PATH}.
   *
   * @throws SystemdException when there is none
   */
  public static ProcessSystemctl onPath(Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "systemctl");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new ProcessSystemctl(candidate.toAbsolutePath(), Map.copyOf(environment));
      }
    }
    throw new SystemdException(
        "no systemctl on PATH ("
            + path
            + "): is this a systemd host? stow install-systemd --print shows the unit to install"
            + " by other means");
  }

  @Override
  public Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    String display = "systemctl " + String.join(" ", args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      Output output = new Output(process.getInputStream());
      output.start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SystemdException(
            display + " did not finish within " + TIMEOUT.toMinutes() + " minutes");
      }
      output.join();
      return new Result(process.exitValue(), output.text().orElse(""));
    } catch (IOException e) {
      throw new SystemdException("cannot run " + display + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SystemdException("interrupted while running " + display, e);
    }
  }

  /** Drains the child's output so that it never blocks on a full pipe. */
  private static final class Output extends Thread {

    private final InputStream in;
    private volatile String text;

    Output(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "(output unreadable: " + e.getMessage() + ")";
      }
    }

    Optional<String> text() {
      return Optional.ofNullable(text);
    }
  }
}
