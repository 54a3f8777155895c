package io.stow.it.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.BenchDocker;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Exec;
import io.stow.it.bench.harness.Machine;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Report;
import io.stow.it.bench.harness.Results;
import io.stow.it.bench.harness.Section;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark suite: stow against what users would otherwise run, every figure the median of
 * several runs with its spread and its ratio to a baseline measured in the same run. Writes the
 * results to a JSON file ({@code stow.bench.json}) and renders them as Markdown ({@code
 * stow.bench.markdown}; {@link Report}), and prints each benchmark's table as it finishes. Run it
 * from the repository root, as root, with {@code .ci/bench} (the whole suite, into {@code
 * docs/benchmarks.md}) or {@code .ci/bench --quick}, which run the {@code bench} profile of this
 * module: it installs what is missing ({@code .ci/bench-env.sh}) and runs this class. System
 * properties: {@code stow.bench.only=1,4} runs some benchmarks, {@code stow.bench.rounds} and
 * {@code stow.bench.warmups} set the runs per figure, {@code stow.bench.reconciles} the reconciles
 * of the memory benchmark, {@code stow.bench.wrkSeconds} each load test's length, {@code
 * stow.bench.daemon.javaOpts} replaces the daemon's JVM options (to try flags).
 */
public final class BenchmarkSuite {

  /** The command that runs the whole suite and replaces {@code docs/benchmarks.md}. */
  static final String COMMAND = "sudo .ci/bench";

  /** What {@code .ci/bench} runs; the page names it when the suite was started that way. */
  static final String MAVEN_COMMAND = "./mvnw -B -pl stow-it -am verify -Pbench -DskipTests";

  /** Runs of a benchmark before it counts as failed: a second one after a failure. */
  private static final int ATTEMPTS = 2;

  private static final Duration ENGINE_WAIT = Duration.ofMinutes(3);

  private BenchmarkSuite() {}

  static List<Benchmark> all() {
    return List.of(
        new NoopReconcileBenchmark(),
        new ColdStartBenchmark(),
        new ApplyBenchmark(),
        new HashBenchmark(),
        new BadgeBenchmark(),
        new DaemonMemoryBenchmark(),
        new TriggerLatencyBenchmark(),
        new SopsDecryptionBenchmark());
  }

  public static void main(String[] args) throws Exception {
    Path repoRoot =
        Path.of(System.getProperty("stow.repo.root", "..")).toAbsolutePath().normalize();
    Path json =
        Path.of(
            System.getProperty(
                "stow.bench.json", repoRoot.resolve("target/benchmarks/results.json").toString()));
    Path markdown =
        Path.of(
            System.getProperty(
                "stow.bench.markdown",
                repoRoot.resolve("target/benchmarks/benchmarks.md").toString()));
    List<Benchmark> selected = selected(System.getProperty("stow.bench.only", ""));
    requireRoot();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    BenchDocker docker = new BenchDocker(runId);
    ImageRef image = TestImages.get().first();
    BenchDocker.docker("pull", "-q", image.toString()); // every side starts with the image present
    Path work = Files.createTempDirectory("stow-bench-" + runId + "-");
    BenchContext context = new BenchContext(work, docker, image, repoRoot);
    Thread cleanup = new Thread(() -> removeQuietly(docker), "stow-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C during a run

    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", command());
    run.put("commit", commit(repoRoot));
    run.put("runId", runId);
    run.put("rounds", Measure.rounds());
    run.put("warmups", Measure.warmups());
    run.put("quick", Boolean.getBoolean("stow.bench.quick"));
    run.put("daemonEnvironment", BenchContext.daemonEnvironment());
    Results results = new Results(json, markdown, run, runContext(selected));
    try {
      for (Benchmark benchmark : selected) {
        System.out.printf("%n== %s. %s%n", benchmark.number(), benchmark.title());
        String firstFailure = null;
        for (int attempt = 1; ; attempt++) {
          Section section = new Section(benchmark.number(), benchmark.title());
          String loadAtStart = Machine.load();
          long start = System.nanoTime();
          try {
            benchmark.run(context, section);
          } catch (Exception | AssertionError e) {
            section.failed(e.toString());
            e.printStackTrace();
          } finally {
            awaitEngine();
            removeQuietly(docker);
          }
          if (section.isFailed() && attempt < ATTEMPTS) {
            firstFailure = section.failure().orElseThrow();
            System.out.println("== failed; once more: " + benchmark.number());
            continue;
          }
          if (firstFailure != null) {
            section.note(
                "A first attempt of this benchmark failed and these figures are from the second"
                    + " (other builds share and sometimes restart this Docker engine): "
                    + firstFailure.lines().findFirst().orElse("")
                    + (firstFailure.lines().count() > 1 ? " ..." : ""));
          }
          ObjectNode done = section.toJson((System.nanoTime() - start) / 1e9, loadAtStart);
          results.add(done, section.isFailed());
          System.out.println(Report.section(done));
          break;
        }
      }
    } finally {
      deleteTree(work);
    }
    System.out.println("results: " + results.json() + ", rendered as " + results.markdown());
    Runtime.getRuntime().removeShutdownHook(cleanup);
    System.exit(results.anyFailed() ? 1 : 0); // docker-java and Undertow keep threads alive
  }

  private static List<Benchmark> selected(String only) {
    if (only.isBlank()) {
      return all();
    }
    Set<String> numbers = Stream.of(only.split(",")).map(String::strip).collect(Collectors.toSet());
    List<Benchmark> chosen = all().stream().filter(b -> numbers.contains(b.number())).toList();
    if (chosen.size() != numbers.size()) {
      throw new IllegalArgumentException(
          "-Dstow.bench.only=" + only + ": the benchmarks are numbered 1 to " + all().size());
    }
    return chosen;
  }

  private static String command() {
    String given = System.getProperty("stow.bench.command", "");
    if (!given.isBlank()) {
      return given;
    }
    StringBuilder command = new StringBuilder(MAVEN_COMMAND);
    for (String property :
        List.of(
            "stow.bench.only",
            "stow.bench.rounds",
            "stow.bench.warmups",
            "stow.bench.daemon.javaOpts",
            "stow.bench.reconciles",
            "stow.bench.wrkSeconds")) {
      String value = System.getProperty(property, "");
      if (!value.isBlank()) {
        command.append(" '-D").append(property).append('=').append(value).append('\'');
      }
    }
    return command.toString();
  }

  private static List<String> runContext(List<Benchmark> selected) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Unless a section says otherwise, every figure is the median of "
            + Measure.rounds()
            + " runs after "
            + Measure.warmups()
            + (Measure.warmups() == 1 ? " untimed warm-up run" : " untimed warm-up runs")
            + "; the spread is the lowest and the highest of those runs;"
            + " each ratio divides a figure's median by its baseline's, measured in the same run.");
    StringBuilder env = new StringBuilder();
    BenchContext.daemonEnvironment()
        .forEach(
            (k, v) ->
                env.append(env.isEmpty() ? "" : " ").append(k).append("=\"").append(v).append('"'));
    lines.add(
        "The daemon runs as the systemd unit of `stow install-systemd` starts it: the packaged"
            + " launcher with the unit's environment, `"
            + env
            + "`.");
    if (selected.size() < all().size()) {
      lines.add(
          "Only benchmarks "
              + selected.stream().map(Benchmark::number).collect(Collectors.joining(", "))
              + " ran.");
    }
    return lines;
  }

  private static String commit(Path repoRoot) {
    try {
      String sha =
          Exec.run("git", "-C", repoRoot.toString(), "rev-parse", "--short=12", "HEAD")
              .check()
              .strip();
      List<String> dirty =
          Exec.run(
                  "git", "-C", repoRoot.toString(), "status", "--porcelain", "--untracked-files=no")
              .check()
              .lines()
              .map(line -> line.substring(Math.min(3, line.length())))
              .toList();
      return dirty.isEmpty()
          ? sha
          : sha + " with uncommitted changes to " + String.join(", ", dirty);
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The daemon's configuration lockdown wants root-owned files, and apt wants root. */
  private static void requireRoot() throws IOException {
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (uid != 0) {
      throw new IllegalStateException(
          "run the benchmark suite as root (the daemon's configuration must be root-owned): "
              + COMMAND);
    }
  }

  /**
   * Waits up to {@link #ENGINE_WAIT} for the Docker engine to answer: other builds on a shared
   * machine restart it, and removing the run's containers needs it.
   */
  private static void awaitEngine() {
    long deadline = System.nanoTime() + ENGINE_WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (Exec.run("docker", "version", "--format", "{{.Server.Version}}").exitCode() == 0) {
          return;
        }
        Thread.sleep(2000);
      }
      System.err.println("the Docker engine did not answer within " + ENGINE_WAIT);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not ask the Docker engine: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeQuietly(BenchDocker docker) {
    try {
      docker.removeAll();
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "could not remove the benchmark's containers; remove them with: docker rm -f $(docker"
              + " ps -aq --filter label="
              + docker.label()
              + "): "
              + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e);
    }
  }
}
