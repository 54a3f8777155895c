package io.stow.it.bench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with this process's environment plus {@code env}, its output (both streams) in a
 * temporary file so a chatty program never blocks on a full pipe.
 */
public final class Exec {

  /** A finished run. */
  public record Result(List<String> command, int exitCode, String output) {
    /** The output; throws, naming the command and showing the output's end, on a non-zero exit. */
    public String check() {
      if (exitCode != 0) {
        throw new IllegalStateException(
            String.join(" ", command.subList(0, Math.min(4, command.size())))
                + (command.size() > 4 ? " ..." : "")
                + " exited "
                + exitCode
                + ": "
                + tail(output));
      }
      return output;
    }
  }

  private Exec() {}

  /** Runs {@code command} for at most ten minutes; the output when it exits 0, else throws. */
  public static String check(String... command) throws IOException, InterruptedException {
    return run(Map.of(), Duration.ofMinutes(10), List.of(command)).check();
  }

  public static Result run(String... command) throws IOException, InterruptedException {
    return run(Map.of(), Duration.ofMinutes(10), List.of(command));
  }

  public static Result run(Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    return run(null, env, timeout, command);
  }

  /** Runs {@code command} in {@code workDir} (this process's when null). */
  public static Result run(
      Path workDir, Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("stow-bench-exec-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      if (workDir != null) {
        builder.directory(workDir.toFile());
      }
      Map<String, String> environment = new HashMap<>(builder.environment());
      environment.putAll(env);
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(command + " did not finish within " + timeout);
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Whether {@code tool} is an executable on {@code PATH} (or in /usr/sbin, for nginx). */
  public static boolean onPath(String tool) {
    List<String> dirs =
        new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.add("/usr/sbin");
    return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }

  static String tail(String output) {
    String trimmed = output.strip();
    return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
  }
}
