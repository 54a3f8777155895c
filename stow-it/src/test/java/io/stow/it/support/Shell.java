package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a program as an operator or a CI runner would: in a directory, with exactly the environment
 * given (nothing inherited), output captured in files under {@code logDir}.
 */
public final class Shell {

  /** A finished run. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** Both streams, for assertions on messages wherever they went. */
    public String output() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path logDir;

  public Shell(Path logDir) {
    this.logDir = logDir;
  }

  /** Runs {@code command} in {@code workDir} with {@code env} only; fails the test on timeout. */
  public Result run(Path workDir, Map<String, String> env, Duration timeout, List<String> command) {
    int run = RUNS.incrementAndGet();
    try {
      Files.createDirectories(logDir);
      Path out = logDir.resolve("run-" + run + ".out");
      Path err = logDir.resolve("run-" + run + ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        fail("%s did not finish within %s; output in %s", command, timeout, logDir);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs {@code command} for at most two minutes. */
  public Result run(Path workDir, Map<String, String> env, String... command) {
    return run(workDir, env, Duration.ofMinutes(2), List.of(command));
  }
}
