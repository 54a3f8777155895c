package io.stow.it.bench;

import io.stow.daemon.DaemonComposition;
import io.stow.daemon.host.HostActions;
import io.stow.daemon.log.DaemonLog;
import io.stow.docker.DockerJavaHost;
import io.stow.engine.ReconcileReport;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.BenchDocker;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.DaemonProcess;
import io.stow.it.bench.harness.Deployments;
import io.stow.it.bench.harness.DockerSocket;
import io.stow.it.bench.harness.HostDaemon;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import io.stow.model.StowLabels;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 1. A no-op reconcile in a warm daemon, with 20 and with 50 running containers, against {@code
 * docker inspect} of the same containers and the bare Docker API list call the reconcile needs.
 */
final class NoopReconcileBenchmark implements Benchmark {

  private static final int[] SIZES = {20, 50};

  /**
   * Runs before timing anything: enough for the suite's JIT to compile a no-op's whole path with
   * its optimising compiler (after 30, the drift repair still took twice its settled time); a
   * daemon that polls every minute runs it as often in five hours.
   */
  private static final int JVM_WARMUPS = 300;

  @Override
  public String number() {
    return "1";
  }

  @Override
  public String title() {
    return "No-op reconcile in a warm daemon";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    section.how(
        String.format(
            Locale.ROOT,
            "A real `stow daemon` (the unit's environment: C1 only, serial GC) deploys 20, then"
                + " 50 containers (`sleep 3600`) from a local Git remote (`file://`). With all of"
                + " them running: (a) the daemon: `POST /trigger` over HTTPS until the daemon logs"
                + " the end of the run it started: the branch's head read from the remote, found"
                + " to be the commit this daemon deployed and still runs, so the running"
                + " snapshot's plan against one container list: no download (with the GitLab"
                + " source: no archive, of which GitLab.com allows 5 a minute), no state lock,"
                + " nothing written, and the status not read again (nothing changed); the time"
                + " the daemon logs for the run is the second row. A branch that moved, or drift,"
                + " takes the full path (fetch, write out, decrypt, hash, plan, apply). (b) The"
                + " same daemon code in the suite's JVM (`DaemonComposition` over the same"
                + " configuration, C2 on); every figure after %d warm-up runs: the reconcile a"
                + " trigger runs (which first reads the branch's head from the remote, a cost the"
                + " list call does not have), and the drift repair a poll runs when the branch has"
                + " not moved (the running snapshot's plan against one container list). Baselines:"
                + " `docker inspect` of the same containers as one process, and the list call the"
                + " reconcile needs, `GET /containers/json?all=true&filters={\"label\":"
                + "[\"stow.deployment=<name>\"]}`, sent from Java over the Unix socket on a"
                + " kept-alive connection with nothing else around it.",
            JVM_WARMUPS));
    String deployment = "stow-bench-" + context.docker().runId() + "-noop";
    DockerJavaHost docker = DockerJavaHost.fromEnvironment();
    try (HostDaemon host =
            HostDaemon.start(
                context, context.dir("noop"), Deployments.of(context, deployment, SIZES[0], "0s"));
        DockerSocket socket = DockerSocket.open()) {
      DaemonComposition composition =
          new DaemonComposition(
              host.config(),
              DaemonLog.to(
                  new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC(), false),
              () -> docker);
      HostActions engine = composition.actions();
      for (int size : SIZES) {
        if (size != SIZES[0]) {
          String head = host.push(Deployments.of(context, deployment, size, "0s"));
          host.daemon().triggerAndAwaitRun(head, Duration.ofMinutes(10));
          host.awaitRunning(head, Duration.ofMinutes(1));
        }
        measure(section, size, deployment, host, engine, socket);
      }
    } finally {
      docker.close();
    }
  }

  private static void measure(
      Section section,
      int size,
      String deployment,
      HostDaemon host,
      HostActions engine,
      DockerSocket socket)
      throws Exception {
    String query = DockerSocket.listQuery(StowLabels.DEPLOYMENT + "=" + deployment);
    List<String> ids =
        List.of(
            BenchDocker.docker(
                    "ps", "-q", "--filter", "label=" + StowLabels.DEPLOYMENT + "=" + deployment)
                .strip()
                .split("\\s+"));
    if (ids.size() != size) {
      throw new IllegalStateException(
          "expected " + size + " running containers, found " + ids.size());
    }
    Row list =
        section.baseline(
            size + " containers: the list call (Java, Unix socket)",
            "list call",
            Measure.millis(JVM_WARMUPS, Measure.rounds(), () -> socket.get(query)),
            Unit.MILLIS);
    List<String> inspect = new ArrayList<>(List.of("inspect"));
    inspect.addAll(ids);
    section.row(
        size + " containers: `docker inspect <" + size + " ids>` (one process)",
        Measure.millis(() -> BenchDocker.docker(inspect.toArray(String[]::new))),
        Unit.MILLIS,
        list);

    DaemonProcess daemon = host.daemon();
    List<Double> logged = new ArrayList<>();
    Sample client =
        Measure.repeat(
            JVM_WARMUPS,
            Measure.rounds(),
            () -> {
              DaemonProcess.RunTimes run =
                  daemon.triggerAndAwaitRun(host.head(), Duration.ofMinutes(2));
              logged.add((double) run.daemonMillis());
              return run.clientMillis();
            });
    Target target = Target.ratioAtMost(1.3, "list call");
    section.row(
        size + " containers: daemon, `POST /trigger` to the run's end (HTTPS)",
        client,
        Unit.MILLIS,
        list,
        target);
    section.row(
        size + " containers: daemon, the run as it logs it",
        new Sample(logged.subList(logged.size() - Measure.rounds(), logged.size())),
        Unit.MILLIS,
        list,
        target);
    section.row(
        size + " containers: daemon code in a warm JVM, the triggered reconcile",
        Measure.millis(JVM_WARMUPS, Measure.rounds(), () -> requireNoop(engine.reconcileHead())),
        Unit.MILLIS,
        list,
        target);
    section.row(
        size + " containers: daemon code in a warm JVM, the poll's drift repair",
        Measure.millis(JVM_WARMUPS, Measure.rounds(), () -> requireNoop(engine.repair())),
        Unit.MILLIS,
        list,
        target);
  }

  private static void requireNoop(ReconcileReport report) {
    if (!report.status().succeeded() || report.changedHost()) {
      throw new IllegalStateException(
          "not a successful no-op: " + report.status() + " " + report.plan());
    }
  }
}
