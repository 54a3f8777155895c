package io.stow.it.bench;

import io.stow.docker.DockerJavaHost;
import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.TestImages;
import io.stow.it.support.TestLabelledDockerHost;
import io.stow.model.ImageRef;
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
 * Times stow applying a 20-service Compose project against {@code docker-compose up -d} of the same
 * project (Debian's docker-compose 1.29, installed here with apt when it is missing and this runs
 * as root; never in the normal tests), on the real engine:
 *
 * <ol>
 *   <li>a fresh apply: the project network, five named volumes and 20 containers ({@code sleep
 *       3600}) created and started; stow also verifies (one poll, stable window 0);
 *   <li>a no-op: everything is up to date ({@code docker-compose up -d} again; a stow reconcile in
 *       a warm JVM).
 * </ol>
 *
 * Prints the median of {@value #RUNS} runs after {@value #WARMUP} warm-up runs and the ratios;
 * asserts nothing. Everything it creates carries the label {@code stow.it.bench} (or is docker-
 * compose's project, taken down with its volumes) and is removed at the end. Run it with the {@code
 * bench} profile (see BENCHMARKS.md).
 */
public final class ComposeBenchmark {

  private static final int SERVICES = 20;
  private static final int VOLUMES = 5;
  private static final int RUNS = 5;
  private static final int WARMUP = 1;
  private static final String LABEL = "stow.it.bench";

  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ImageRef image = TestImages.get().first();
  private final Path work;
  private final DockerJavaHost javaHost = DockerJavaHost.fromEnvironment();
  private final TestLabelledDockerHost host =
      new TestLabelledDockerHost(javaHost, Map.of(LABEL, runId));
  private final List<String> composeProjects = new ArrayList<>();

  private ComposeBenchmark(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("stow-compose-bench-");
    ComposeBenchmark bench = new ComposeBenchmark(work);
    try {
      bench.run();
    } finally {
      bench.cleanUp();
      try {
        bench.javaHost.close();
      } catch (RuntimeException e) {
        // exiting anyway
      }
    }
    System.exit(0); // docker-java keeps non-daemon threads alive
  }

  private void run() throws Exception {
    String composeVersion = ensureDockerCompose();
    System.out.printf(
        Locale.ROOT,
        "compose benchmark: %d services, %d named volumes; median of %d runs after %d warm-up;"
            + " %d cores, Java %s, %s%n",
        SERVICES,
        VOLUMES,
        RUNS,
        WARMUP,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        composeVersion);
    exec("docker", "pull", "-q", image.toString());

    List<Double> stowApply = new ArrayList<>();
    List<Double> stowNoop = new ArrayList<>();
    ReconcileReport lastApply = null;
    for (int run = 0; run < WARMUP + RUNS; run++) {
      String project = "stowbench" + runId + "s" + run;
      Path dir =
          DeploymentFolder.at(work.resolve(project))
              .file("compose.yaml", compose(project, false))
              .path();
      Reconciler stow = reconciler(work.resolve("state-" + project));
      long start = System.nanoTime();
      ReconcileReport applied = stow.reconcile(request(dir));
      long applyNanos = System.nanoTime() - start;
      require(applied.status().succeeded(), "apply failed: " + applied);
      start = System.nanoTime();
      ReconcileReport noop = stow.reconcile(request(dir));
      long noopNanos = System.nanoTime() - start;
      require(noop.plan().orElseThrow().isNoop(), "not a no-op: " + noop.plan());
      if (run >= WARMUP) {
        stowApply.add(applyNanos / 1e6);
        stowNoop.add(noopNanos / 1e6);
      }
      lastApply = applied;
      removeStow(); // untimed; every run starts from the same host
    }

    List<Double> composeUp = new ArrayList<>();
    List<Double> composeNoop = new ArrayList<>();
    for (int run = 0; run < WARMUP + RUNS; run++) {
      String project = "stowbench" + runId + "c" + run;
      Path file =
          DeploymentFolder.at(work.resolve(project))
              .file("docker-compose.yml", compose(project, true))
              .path()
              .resolve("docker-compose.yml");
      composeProjects.add(project);
      long start = System.nanoTime();
      exec("docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
      long upNanos = System.nanoTime() - start;
      start = System.nanoTime();
      exec("docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
      long noopNanos = System.nanoTime() - start;
      if (run >= WARMUP) {
        composeUp.add(upNanos / 1e6);
        composeNoop.add(noopNanos / 1e6);
      }
      if (down(project, file)) {
        composeProjects.remove(project);
      }
    }

    double apply = median(stowApply);
    double up = median(composeUp);
    double noop = median(stowNoop);
    double upAgain = median(composeNoop);
    System.out.printf(Locale.ROOT, "%n(a) applying the project to a host without it%n");
    row("stow reconcile (embedded, stable 0s)", apply);
    row("docker-compose up -d", up);
    System.out.printf(
        Locale.ROOT, "  ratio stow / docker-compose               %8.2f%n", apply / up);
    System.out.println("  steps of the last stow apply: " + lastApply.durations());
    System.out.printf(Locale.ROOT, "%n(b) everything up to date%n");
    row("stow reconcile, no-op (warm JVM)", noop);
    row("docker-compose up -d (no change)", upAgain);
    System.out.printf(
        Locale.ROOT, "  ratio stow / docker-compose               %8.2f%n", noop / upAgain);
  }

  /**
   * The project: 20 services on the default network, five of them with a named volume. For
   * docker-compose the file carries the benchmark label itself; stow's test host adds it.
   */
  private String compose(String project, boolean forDockerCompose) {
    StringBuilder yaml = new StringBuilder();
    if (!forDockerCompose) {
      yaml.append("name: ").append(project).append('\n');
      yaml.append("x-stow:\n  verify: {timeout: 60s, stable: 0s}\n");
    }
    yaml.append("services:\n");
    for (int i = 0; i < SERVICES; i++) {
      yaml.append(String.format(Locale.ROOT, "  s%02d:%n", i));
      yaml.append("    image: ").append(image).append('\n');
      yaml.append("    command: [\"sleep\", \"3600\"]\n");
      yaml.append("    environment:\n      ROLE: worker").append(i).append('\n');
      yaml.append("    stop_grace_period: 1s\n");
      if (i < VOLUMES) {
        yaml.append(String.format(Locale.ROOT, "    volumes: [\"v%d:/data\"]%n", i));
      }
      if (forDockerCompose) {
        yaml.append("    labels:\n      ").append(LABEL).append(": ").append(runId).append('\n');
      }
    }
    yaml.append("volumes:\n");
    for (int i = 0; i < VOLUMES; i++) {
      yaml.append("  v").append(i).append(":\n");
    }
    return yaml.toString();
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

  /** docker-compose's version; installs Debian's package when it is missing and this is root. */
  private static String ensureDockerCompose() throws IOException, InterruptedException {
    try {
      return exec("docker-compose", "version", "--short").strip();
    } catch (IOException e) {
      if (!"root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(
            "docker-compose is not installed; install Debian's package (apt-get install"
                + " docker-compose) to run this benchmark",
            e);
      }
      System.out.println("installing Debian's docker-compose for this benchmark (apt-get)");
      try {
        exec("apt-get", "install", "-y", "-q", "--no-install-recommends", "docker-compose");
      } catch (IllegalStateException first) {
        exec("apt-get", "update", "-q");
        exec("apt-get", "install", "-y", "-q", "--no-install-recommends", "docker-compose");
      }
      return exec("docker-compose", "version", "--short").strip();
    }
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

  private static String exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException(
          String.join(" ", List.of(command).subList(0, Math.min(3, command.length)))
              + "... exited "
              + status
              + ": "
              + output);
    }
    return output;
  }

  /**
   * {@code docker-compose down -v}, tried again once: Docker 20.10 may keep a stale endpoint of a
   * network whose containers docker-compose removed in parallel. False when it still fails (the
   * next run uses another project; the cleanup tries again).
   */
  private static boolean down(String project, Path file) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        exec("docker-compose", "-p", project, "-f", file.toString(), "down", "-v", "-t", "1");
        return true;
      } catch (IllegalStateException | IOException e) {
        if (attempt == 2) {
          System.err.println("docker-compose down of " + project + " failed twice: " + e);
          return false;
        }
        Thread.sleep(2000);
      }
    }
  }

  /** stow's containers, then its networks and volumes: all carry the benchmark label. */
  private void removeStow() throws IOException, InterruptedException {
    String filter = "label=" + LABEL + "=" + runId;
    String containers = exec("docker", "ps", "-aq", "--filter", filter).strip();
    if (!containers.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
      rm.addAll(List.of(containers.split("\\s+")));
      exec(rm.toArray(String[]::new));
    }
    String networks = exec("docker", "network", "ls", "-q", "--filter", filter).strip();
    if (!networks.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("docker", "network", "rm"));
      rm.addAll(List.of(networks.split("\\s+")));
      exec(rm.toArray(String[]::new));
    }
    String volumes = exec("docker", "volume", "ls", "-q", "--filter", filter).strip();
    if (!volumes.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("docker", "volume", "rm"));
      rm.addAll(List.of(volumes.split("\\s+")));
      exec(rm.toArray(String[]::new));
    }
  }

  private void cleanUp() {
    try {
      removeStow();
      for (String project : List.copyOf(composeProjects)) {
        down(project, work.resolve(project).resolve("docker-compose.yml"));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println(
          "could not remove everything the benchmark made; look for label "
              + LABEL
              + "="
              + runId
              + " and projects stowbench"
              + runId
              + "*: "
              + e);
    }
    try (var walk = Files.walk(work)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + work + ": " + e);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
