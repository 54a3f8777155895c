package io.stow.it.bench;

import io.stow.docker.DockerJavaHost;
import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.StowYaml;
import io.stow.it.support.StowYaml.Container;
import io.stow.it.support.TestImages;
import io.stow.it.support.TestLabelledDockerHost;
import io.stow.model.ImageRef;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Times stow against the Docker CLI on the real engine, with 20 containers ({@code sleep 3600}):
 *
 * <ol>
 *   <li>a no-op reconcile in a warm JVM vs. {@code docker inspect} of the same 20 containers (one
 *       process with 20 ids, and 20 separate processes);
 *   <li>applying 20 new containers (stable window 0) vs. 20 sequential {@code docker run -d}.
 * </ol>
 *
 * Prints the median of {@value #RUNS} runs of each and the ratios; asserts nothing. Everything it
 * creates carries the label {@code stow.it.bench} and is removed at the end. Run it from the
 * repository root, with the test environment up ({@code bash .ci/test-env.sh}):
 *
 * <pre>
 * ./mvnw -B -q -pl stow-it -am verify -Pbench -DskipTests
 * </pre>
 */
public final class ReconcileBenchmark {

  private static final int CONTAINERS = 20;
  private static final int RUNS = 5;
  private static final int WARMUP = 3;
  private static final int STEADY_STATE_RUNS = 50;
  private static final String LABEL = "stow.it.bench";

  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ImageRef image = TestImages.get().first();
  private final Path work;
  private final DockerJavaHost javaHost = DockerJavaHost.fromEnvironment();
  private final TestLabelledDockerHost host =
      new TestLabelledDockerHost(javaHost, Map.of(LABEL, runId));

  private ReconcileBenchmark(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("stow-bench-");
    ReconcileBenchmark bench = new ReconcileBenchmark(work);
    try {
      bench.run();
    } finally {
      bench.cleanUp();
      javaHostClose(bench);
    }
    System.exit(0); // docker-java keeps non-daemon threads alive
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "stow reconcile benchmark: %d containers, median of %d runs (after %d warm-up runs),"
            + " %d cores, Java %s%n",
        CONTAINERS,
        RUNS,
        WARMUP,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    docker("pull", "-q", image.toString()); // both sides start with the image present

    // (a) no-op reconcile vs. docker inspect
    String deployment = "stow-bench-" + runId + "-noop";
    Path folder = folder("noop", deployment, "noop");
    Reconciler noop = reconciler(work.resolve("state-noop"));
    ReconcileReport first = noop.reconcile(request(folder));
    require(first.status().succeeded(), "the first deployment failed: " + first);
    List<String> ids =
        host.listContainers(Map.of(StowLabels.DEPLOYMENT, deployment)).stream()
            .map(c -> c.id())
            .toList();
    require(ids.size() == CONTAINERS, "expected " + CONTAINERS + " containers, found " + ids);
    double noopMs =
        median(
            () -> {
              ReconcileReport r = noop.reconcile(request(folder));
              require(r.plan().orElseThrow().isNoop(), "not a no-op: " + r.plan());
            });
    // a daemon reconciles on every poll: after an hour of polling its JVM is far warmer
    for (int i = 0; i < STEADY_STATE_RUNS; i++) {
      noop.reconcile(request(folder));
    }
    double steadyNoopMs = median(() -> noop.reconcile(request(folder)));
    ReconcileReport last = noop.reconcile(request(folder));
    List<String> inspectAll = new ArrayList<>(List.of("inspect"));
    inspectAll.addAll(ids);
    double inspectOneProcessMs = median(() -> docker(inspectAll.toArray(String[]::new)));
    double inspectTwentyProcessesMs =
        median(
            () -> {
              for (String id : ids) {
                docker("inspect", id);
              }
            });

    // (b) apply 20 new containers vs. 20 x docker run -d
    List<Double> applyRuns = new ArrayList<>();
    for (int run = 0; run < WARMUP + RUNS; run++) {
      String name = "stow-bench-" + runId + "-apply" + run;
      Path dir = folder("apply" + run, name, "a" + run);
      Reconciler apply = reconciler(work.resolve("state-apply" + run));
      long start = System.nanoTime();
      ReconcileReport r = apply.reconcile(request(dir));
      long nanos = System.nanoTime() - start;
      require(r.status().succeeded(), "apply failed: " + r);
      if (run >= WARMUP) {
        applyRuns.add(nanos / 1e6);
      }
      removeLabelled(); // untimed; keeps every run starting from the same host
    }
    double applyMs = median(applyRuns);
    List<Double> cliRuns = new ArrayList<>();
    for (int run = 0; run < WARMUP + RUNS; run++) {
      long start = System.nanoTime();
      for (int i = 0; i < CONTAINERS; i++) {
        docker(
            "run",
            "-d",
            "--name",
            String.format(Locale.ROOT, "stow-bench-%s-cli%d-c%02d", runId, run, i),
            "--label",
            LABEL + "=" + runId,
            image.toString(),
            "sleep",
            "3600");
      }
      long nanos = System.nanoTime() - start;
      if (run >= WARMUP) {
        cliRuns.add(nanos / 1e6);
      }
      removeLabelled();
    }
    double cliRunMs = median(cliRuns);

    System.out.printf(Locale.ROOT, "%n(a) no-op with %d running containers%n", CONTAINERS);
    row("stow no-op (embedded, 3 warm-up runs)", noopMs);
    row("stow no-op (after " + STEADY_STATE_RUNS + " more runs)", steadyNoopMs);
    row("docker inspect <20 ids> (1 process)", inspectOneProcessMs);
    row("docker inspect <id> x 20 (20 processes)", inspectTwentyProcessesMs);
    System.out.printf(
        Locale.ROOT,
        "  ratio no-op / inspect (1 process)        %8.2f (after %d runs: %.2f)%n",
        noopMs / inspectOneProcessMs,
        STEADY_STATE_RUNS,
        steadyNoopMs / inspectOneProcessMs);
    System.out.printf(
        Locale.ROOT,
        "  ratio no-op / inspect (20 processes)     %8.2f%n",
        noopMs / inspectTwentyProcessesMs);
    System.out.println("  steps of one steady-state no-op: " + last.durations());
    System.out.printf(Locale.ROOT, "%n(b) creating and starting %d containers%n", CONTAINERS);
    row("stow reconcile, apply (stable 0s)", applyMs);
    row("docker run -d x 20 (sequential)", cliRunMs);
    System.out.printf(
        Locale.ROOT, "  ratio apply / docker run x 20             %8.2f%n", applyMs / cliRunMs);
  }

  private Path folder(String dirName, String deployment, String prefix) {
    StowYaml yaml = StowYaml.deployment(deployment).verify("60s", "0s");
    for (int i = 0; i < CONTAINERS; i++) {
      yaml.container(
          Container.of(
                  String.format(Locale.ROOT, "stow-bench-%s-%s-c%02d", runId, prefix, i), image)
              .command("sleep", "3600"));
    }
    return DeploymentFolder.at(work.resolve(dirName), yaml).path();
  }

  private Reconciler reconciler(Path state) {
    return new Reconciler(
        ReconcileContext.builder()
            .docker(host)
            .stateRoot(state)
            .verifyPollInterval(Duration.ofMillis(250))
            .defaultStopTimeout(Duration.ofSeconds(1))
            .build());
  }

  private static ReconcileRequest request(Path folder) {
    return ReconcileRequest.reconcile(new LocalDirectorySource(folder));
  }

  @FunctionalInterface
  private interface Timed {
    void run() throws Exception;
  }

  private static double median(Timed body) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      body.run();
    }
    List<Double> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      body.run();
      runs.add((System.nanoTime() - start) / 1e6);
    }
    return median(runs);
  }

  private static double median(List<Double> runs) {
    List<Double> sorted = new ArrayList<>(runs);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void row(String what, double millis) {
    System.out.printf(Locale.ROOT, "  %-40s %8.1f ms%n", what, millis);
  }

  private static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException(
          String.join(" ", command.subList(0, Math.min(3, command.size())))
              + "... exited "
              + status
              + ": "
              + output);
    }
    return output;
  }

  private void removeLabelled() throws IOException, InterruptedException {
    String ids = docker("ps", "-aq", "--filter", "label=" + LABEL + "=" + runId).strip();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f"));
      rm.addAll(List.of(ids.split("\\s+")));
      docker(rm.toArray(String[]::new));
    }
  }

  private void cleanUp() {
    try {
      removeLabelled();
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println(
          "could not remove the benchmark's containers; run: docker rm -f $(docker ps -aq"
              + " --filter label="
              + LABEL
              + "="
              + runId
              + "): "
              + e);
    }
    try (var walk = Files.walk(work)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + work + ": " + e);
    }
  }

  private static void javaHostClose(ReconcileBenchmark bench) {
    try {
      bench.javaHost.close();
    } catch (Exception e) {
      // exiting anyway
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
