package io.stow.it.bench;

import io.stow.docker.DockerJavaHost;
import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.BenchDocker;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Deployments;
import io.stow.it.bench.harness.Exec;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import io.stow.it.support.DeploymentFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 3. Applying 20 new containers: stow (the packaged CLI, and the engine in a warm JVM as the daemon
 * runs it) against 20 sequential {@code docker run -d} and {@code docker-compose up -d} of the same
 * 20 services. Every run starts from a host without them; removal between runs is untimed.
 */
final class ApplyBenchmark implements Benchmark {

  private static final int CONTAINERS = 20;

  @Override
  public String number() {
    return "3";
  }

  @Override
  public String title() {
    return "Applying 20 new containers vs. docker run and docker-compose";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    String compose = Exec.check("docker-compose", "version", "--short").strip();
    section.how(
        String.format(
            Locale.ROOT,
            "%d containers of the test image (`sleep 3600`, the image present), on a host"
                + " without them, until all run. stow: a `stow.yaml` with a stable window of 0 s,"
                + " so verification is one look at the containers after they started; the plan,"
                + " the image check, every create request checked before anything starts, create"
                + " and start four at a time, the snapshot. `stow reconcile` is the packaged"
                + " launcher (JVM start included, no `STOW_JAVA_OPTS`); the engine row runs the"
                + " same reconcile in the suite's JVM, warm after the warm-up runs, as the daemon"
                + " does. `docker run -d` × %d runs one CLI process per container, one after the"
                + " other. `docker-compose up -d` (Debian's %s) applies a Compose file of the same"
                + " %d services (same image, command and label) and returns once all started; it"
                + " creates the project's network too. Each run of each starts from a host"
                + " without the containers; the removal in between is not timed.",
            CONTAINERS,
            CONTAINERS,
            compose,
            CONTAINERS));

    DockerJavaHost docker = DockerJavaHost.fromEnvironment();
    try {
      Map<String, List<Double>> runs = new LinkedHashMap<>();
      for (String k : List.of("compose", "cli", "engine", "run")) {
        runs.put(k, new ArrayList<>());
      }
      int warmups = Math.min(1, Measure.warmups());
      for (int round = 0; round < warmups + Measure.rounds(); round++) {
        boolean timed = round >= warmups;
        String base = "sb" + context.docker().runId() + "r" + round;
        record(runs, "compose", timed, composeUp(context, base + "compose"));
        record(runs, "cli", timed, stowCli(context, base + "cli"));
        record(runs, "engine", timed, stowEngine(context, docker, base + "engine"));
        record(runs, "run", timed, dockerRun(context, base + "run"));
      }
      Row baseline =
          section.baseline(
              "`docker-compose up -d` (" + CONTAINERS + " services)",
              "docker-compose",
              seconds(runs.get("compose")),
              Unit.SECONDS);
      section.row(
          "`stow reconcile` (packaged CLI, JVM start included)",
          seconds(runs.get("cli")),
          Unit.SECONDS,
          baseline,
          Target.fasterThan("docker-compose"));
      section.row(
          "stow engine in a warm JVM (as the daemon applies)",
          seconds(runs.get("engine")),
          Unit.SECONDS,
          baseline,
          Target.fasterThan("docker-compose"));
      section.row(
          "`docker run -d` × " + CONTAINERS + " (sequential processes)",
          seconds(runs.get("run")),
          Unit.SECONDS,
          baseline);
    } finally {
      docker.close();
    }
  }

  private static void record(Map<String, List<Double>> runs, String key, boolean timed, double ms) {
    if (timed) {
      runs.get(key).add(ms);
    }
  }

  private static Sample seconds(List<Double> millis) {
    return new Sample(millis).map(ms -> ms / 1000);
  }

  private static double stowCli(BenchContext context, String deployment) throws Exception {
    Path folder = folder(context, deployment);
    Path state = context.dir(deployment + "-state");
    List<String> command =
        List.of(
            context.launcher().toString(),
            "reconcile",
            "--dir",
            folder.toString(),
            "--state-dir",
            state.toString());
    double ms =
        Measure.time(
            () -> Exec.run(Map.of("STOW_JAVA_OPTS", ""), Duration.ofMinutes(5), command).check());
    context.docker().removeAll();
    return ms;
  }

  private static double stowEngine(BenchContext context, DockerJavaHost docker, String deployment)
      throws Exception {
    Path folder = folder(context, deployment);
    Reconciler reconciler =
        new Reconciler(
            ReconcileContext.builder()
                .docker(docker)
                .stateRoot(context.dir(deployment + "-state"))
                .build());
    ReconcileReport[] report = new ReconcileReport[1];
    double ms =
        Measure.time(
            () ->
                report[0] =
                    reconciler.reconcile(
                        ReconcileRequest.reconcile(new LocalDirectorySource(folder))));
    if (!report[0].status().succeeded()) {
      throw new IllegalStateException("the apply failed: " + report[0].status());
    }
    context.docker().removeAll();
    return ms;
  }

  private static double dockerRun(BenchContext context, String prefix) throws Exception {
    double ms =
        Measure.time(
            () -> {
              for (int i = 0; i < CONTAINERS; i++) {
                List<String> run =
                    new ArrayList<>(
                        List.of(
                            "run",
                            "-d",
                            "--name",
                            Deployments.container(prefix, i),
                            "--label",
                            context.docker().label(),
                            context.image().toString()));
                run.addAll(List.of(Deployments.SLEEPS));
                BenchDocker.docker(run.toArray(String[]::new));
              }
            });
    context.docker().removeAll();
    return ms;
  }

  private static double composeUp(BenchContext context, String project) throws Exception {
    Path dir = context.dir(project);
    Path file = dir.resolve("docker-compose.yml");
    Files.writeString(file, composeFile(context));
    try {
      return Measure.time(
          () -> Exec.check("docker-compose", "-p", project, "-f", file.toString(), "up", "-d"));
    } finally {
      context.docker().removeAll(); // compose labels its containers with ours too
      BenchDocker.removeNetworkIfPresent(project + "_default");
    }
  }

  private static String composeFile(BenchContext context) {
    StringBuilder yaml = new StringBuilder("services:\n");
    for (int i = 0; i < CONTAINERS; i++) {
      yaml.append(String.format(Locale.ROOT, "  s%02d:%n", i))
          .append("    image: ")
          .append(context.image())
          .append('\n')
          .append("    command: [\"sleep\", \"3600\"]\n")
          .append("    labels:\n      ")
          .append(BenchDocker.LABEL)
          .append(": \"")
          .append(context.docker().runId())
          .append("\"\n");
    }
    return yaml.toString();
  }

  private static Path folder(BenchContext context, String deployment) throws Exception {
    return DeploymentFolder.at(
            context.work().resolve(deployment),
            Deployments.of(context, deployment, CONTAINERS, "0s"))
        .path();
  }
}
