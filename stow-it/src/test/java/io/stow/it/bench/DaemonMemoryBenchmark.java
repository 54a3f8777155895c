package io.stow.it.bench;

import io.stow.cli.systemd.DaemonUnit;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.DaemonProcess;
import io.stow.it.bench.harness.Deployments;
import io.stow.it.bench.harness.HostDaemon;
import io.stow.it.bench.harness.IdleJvm;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Memory;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * 6. The daemon's resident memory with the systemd unit's JVM options: idle after start-up and its
 * first deployment, after 100 triggered reconciles and after 1,000; beside a JVM that does nothing
 * with the same options.
 */
final class DaemonMemoryBenchmark implements Benchmark {

  private static final int CONTAINERS = 2;
  private static final int CHECKPOINT = 100;

  /** Growth allowed from reconcile 100 to reconcile 1,000 (the target). */
  static final double GROWTH_BOUND = 1.05;

  private static final Duration SETTLE = Duration.ofSeconds(10);

  @Override
  public String number() {
    return "6";
  }

  @Override
  public String title() {
    return "Daemon resident memory, idle and after 1,000 reconciles";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    int reconciles = Integer.getInteger("stow.bench.reconciles", 1000);
    int samples = Measure.rounds();
    String javaOpts = BenchContext.daemonEnvironment().get(DaemonUnit.JAVA_OPTIONS_VARIABLE);
    section.how(
        String.format(
            Locale.ROOT,
            "A real `stow daemon` (see the top of this file for its environment) deploys %d"
                + " containers from a local Git remote (`file://`); %d s after that first deployment its `VmRSS` is"
                + " read %d times one second apart (the figure: their median and spread). Then"
                + " %,d reconciles run one after the other (`POST /trigger`, the next one once the"
                + " daemon logged the end of the last: each reads the branch's head from the remote"
                + " and, that being the commit the daemon deployed, plans the running snapshot"
                + " against one container list), and `VmRSS` is read the same way after the"
                + " %dth and after the last. The baseline is a JVM that only sleeps, started with"
                + " the same options from the same `java`. The growth target: after %,d"
                + " reconciles at most %.0f %% above the figure after %d.",
            CONTAINERS,
            SETTLE.toSeconds(),
            samples,
            reconciles,
            CHECKPOINT,
            reconciles,
            (GROWTH_BOUND - 1) * 100,
            CHECKPOINT));

    Process idle = IdleJvm.start(javaOpts);
    Sample floor;
    try {
      Thread.sleep(SETTLE.toMillis());
      floor = Memory.rssOverSeconds(idle.pid(), samples);
    } finally {
      idle.destroyForcibly().waitFor();
    }
    Row jvm =
        section.baseline("a JVM that sleeps, same options", "idle JVM", floor, Unit.MEBIBYTES);

    String deployment = "stow-bench-" + context.docker().runId() + "-mem";
    try (HostDaemon host =
        HostDaemon.start(
            context,
            context.dir("memory"),
            Deployments.of(context, deployment, CONTAINERS, "1s"))) {
      DaemonProcess daemon = host.daemon();
      Thread.sleep(SETTLE.toMillis());
      Sample idleDaemon = Memory.rssOverSeconds(daemon.pid(), samples);
      Row idleRow =
          section.add(
              new Row(
                  "daemon idle, after start-up and its first deployment",
                  "idle daemon",
                  idleDaemon,
                  Unit.MEBIBYTES,
                  Optional.of(jvm),
                  Optional.of(Target.below(80, Unit.MEBIBYTES))));
      List<Double> runMillis = new ArrayList<>();
      Sample atCheckpoint = null;
      for (int i = 1; i <= reconciles; i++) {
        runMillis.add(
            (double) daemon.triggerAndAwaitRun(host.head(), Duration.ofMinutes(2)).daemonMillis());
        if (i == CHECKPOINT) {
          atCheckpoint = Memory.rssOverSeconds(daemon.pid(), samples);
        }
      }
      Sample atEnd = Memory.rssOverSeconds(daemon.pid(), samples);
      if (atCheckpoint == null) {
        section.row(
            String.format(Locale.ROOT, "daemon after %,d reconciles", reconciles),
            atEnd,
            Unit.MEBIBYTES,
            idleRow);
      } else {
        Row checkpoint =
            section.add(
                new Row(
                    "daemon after " + CHECKPOINT + " reconciles",
                    "after " + CHECKPOINT,
                    atCheckpoint,
                    Unit.MEBIBYTES,
                    Optional.of(idleRow),
                    Optional.empty()));
        section.row(
            String.format(Locale.ROOT, "daemon after %,d reconciles", reconciles),
            atEnd,
            Unit.MEBIBYTES,
            checkpoint,
            Target.ratioAtMost(GROWTH_BOUND, "after " + CHECKPOINT));
      }
      if (runMillis.isEmpty()) {
        return;
      }
      section.note(
          String.format(
              Locale.ROOT,
              "The %,d reconciles took %s each as the daemon logged them (median; %s); the"
                  + " daemon's peak resident set (`VmHWM`) was %.1f MiB.",
              reconciles,
              Unit.MILLIS.format(new Sample(runMillis).median()),
              Unit.MILLIS.range(new Sample(runMillis).min(), new Sample(runMillis).max()),
              Memory.peakMebibytes(daemon.pid())));
    }
  }
}
