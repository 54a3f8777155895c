package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code stow} CLI as a separate process ({@code java -jar stow-cli/target/stow.jar}), for what
 * cannot run in the test JVM: {@code System.exit}, and being killed with SIGKILL. Output goes to
 * files in {@code logDir} so a long run never blocks on a full pipe.
 */
public final class StowProcess {

  /** A finished run. */
  public record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private StowProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The shaded CLI jar that the stow-cli module packaged; failsafe passes its path. */
  public static Path jar() {
    String property = System.getProperty("stow.cli.jar");
    Path jar =
        property != null ? Path.of(property) : Path.of("..", "stow-cli", "target", "stow.jar");
    if (!Files.isRegularFile(jar)) {
      fail(
          "no CLI jar at "
              + jar.toAbsolutePath().normalize()
              + "; build it with ./mvnw -B -pl stow-it -am verify (stow-cli packages it first)");
    }
    return jar.toAbsolutePath().normalize();
  }

  /** Starts {@code stow ARGS}; its output goes to {@code logDir/<name>.out|.err}. */
  public static StowProcess start(Path logDir, String name, String... args) {
    return start(logDir, name, null, Map.of(), args);
  }

  /** The GitLab CI variables a test run must not inherit from the machine it runs on. */
  private static final List<String> CI_VARIABLES =
      List.of(
          "CI_API_V4_URL",
          "GITLAB_ACCESS_TOKEN",
          "CI_JOB_TOKEN",
          "GITLAB_USER_ID",
          "CI_SERVER_TLS_CA_FILE");

  /**
   * Starts {@code stow ARGS} in {@code workDir} (null: this directory) with {@code env} added to
   * this process's environment, less any GitLab CI variables it had.
   */
  public static StowProcess start(
      Path logDir, String name, Path workDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Path out = logDir.resolve(name + ".out");
      Path err = logDir.resolve(name + ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (workDir != null) {
        builder.directory(workDir.toFile());
      }
      CI_VARIABLES.forEach(builder.environment()::remove);
      builder.environment().putAll(env);
      return new StowProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code stow ARGS} in {@code workDir} with {@code env} added, to the end. */
  public static Result run(
      Path logDir,
      String name,
      Duration timeout,
      Path workDir,
      Map<String, String> env,
      String... args) {
    return start(logDir, name, workDir, env, args).await(timeout);
  }

  /** Runs {@code stow ARGS} to the end (at most {@code timeout}). */
  public static Result run(Path logDir, String name, Duration timeout, String... args) {
    return start(logDir, name, args).await(timeout);
  }

  /** Waits for the process to exit; kills it and fails the test after {@code timeout}. */
  public Result await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        fail("stow did not finish within %s: %s", timeout, result(-1));
      }
      return result(process.exitValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Kills the process with SIGKILL (no shutdown hooks, no finally blocks) and waits for it. */
  public Result kill() {
    process.destroyForcibly();
    try {
      int code = process.waitFor();
      return result(code);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Stops the process with SIGTERM (shutdown hooks run) and waits at most {@code timeout}. */
  public Result terminate(Duration timeout) {
    process.destroy();
    return await(timeout);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the process has written so far. */
  public Result outputSoFar() {
    return result(process.isAlive() ? -1 : process.exitValue());
  }

  private Result result(int code) {
    try {
      return new Result(
          code,
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
