package io.stow.it.bench;

import io.stow.it.bench.harness.BenchContext;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 2. A cold {@code stow reconcile --dry-run --plan-json} of 20 running containers from the packaged
 * launcher, JVM start included, with and without the class-data-sharing archive the build makes.
 */
final class ColdStartBenchmark implements Benchmark {

  private static final int CONTAINERS = 20;
  private static final Map<String, String> NO_OPTIONS = Map.of("STOW_JAVA_OPTS", "");

  @Override
  public String number() {
    return "2";
  }

  @Override
  public String title() {
    return "Cold dry run with the plan as JSON, JVM start included";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    Path launcher = context.launcher();
    Path archive = launcher.resolveSibling("stow.jsa");
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("no " + archive + ": the package phase builds it");
    }
    // a copy elsewhere has no archive beside it (and the archive is only good for its own path)
    Path bare = context.dir("cold-no-archive").resolve("stow");
    Files.copy(launcher, bare, StandardCopyOption.COPY_ATTRIBUTES);
    String deployment = "stow-bench-" + context.docker().runId() + "-cold";
    Path folder =
        DeploymentFolder.at(
                context.work().resolve("cold-folder"),
                Deployments.of(context, deployment, CONTAINERS, "0s"))
            .path();
    Path state = context.dir("cold-state");
    Exec.run(
            Map.of(),
            Duration.ofMinutes(5),
            List.of(
                launcher.toString(),
                "reconcile",
                "--dir",
                folder.toString(),
                "--state-dir",
                state.toString()))
        .check();
    // -Xshare:on refuses to start when the archive cannot be mapped: proof that it is used
    Exec.run(
            Map.of("STOW_JAVA_OPTS", "-Xshare:on"),
            Duration.ofMinutes(1),
            List.of(launcher.toString(), "--version"))
        .check();

    List<String> args =
        List.of(
            "reconcile",
            "--dir",
            folder.toString(),
            "--dry-run",
            "--plan-json",
            "--state-dir",
            state.toString());
    section.how(
        String.format(
            Locale.ROOT,
            "`stow reconcile --dir DIR --dry-run --plan-json --state-dir STATE` with %d containers"
                + " of DIR running (the plan: all noop), as a new process each time: the launcher"
                + " shell script, the JVM's start, reading and hashing the folder, one container"
                + " list from Docker, the plan printed as JSON. With the archive: the packaged"
                + " `stow-cli/target/stow`, whose `stow.jsa` beside it (made at package time from"
                + " training runs) the launcher passes to the JVM (checked: it starts with"
                + " `-Xshare:on`). Without: a copy of the same file in another directory, with no"
                + " archive beside it, so the JVM uses only the JDK's own archive. `java"
                + " -version` shows the JVM's own start. No `STOW_JAVA_OPTS`. The three commands"
                + " take turns in each round, so load changes hit them alike.",
            CONTAINERS));

    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    List<Double> jvm = new ArrayList<>();
    int warmups = Measure.warmups();
    for (int i = 0; i < warmups + Measure.rounds(); i++) {
      double w = seconds(launcher, args);
      double wo = seconds(bare, args);
      double j = seconds(List.of("java", "-Xshare:auto", "-version"));
      if (i >= warmups) {
        with.add(w);
        without.add(wo);
        jvm.add(j);
      }
    }
    Row baseline =
        section.baseline(
            "`stow reconcile --dry-run --plan-json`, without the archive",
            "without the archive",
            new Sample(without),
            Unit.SECONDS);
    section.row(
        "`stow reconcile --dry-run --plan-json`, with the archive",
        new Sample(with),
        Unit.SECONDS,
        baseline,
        Target.atMost(0.5, Unit.SECONDS));
    section.row("`java -version` (the JVM's start alone)", new Sample(jvm), Unit.SECONDS, baseline);
  }

  private static double seconds(Path stow, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(stow.toString()));
    command.addAll(args);
    return seconds(command);
  }

  private static double seconds(List<String> command) throws Exception {
    return Measure.time(() -> Exec.run(NO_OPTIONS, Duration.ofMinutes(2), command).check()) / 1000;
  }
}
