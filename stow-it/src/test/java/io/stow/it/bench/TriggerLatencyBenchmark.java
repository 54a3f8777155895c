package io.stow.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.BenchDocker;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Deployments;
import io.stow.it.bench.harness.HostDaemon;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.StowYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 7. From {@code POST /trigger} to the daemon's status saying the new commit runs, for a change to
 * one container of three, minus the stable window: what stow adds on top of the verification the
 * user asked for. The baselines replace containers by hand with the Docker CLI.
 */
final class TriggerLatencyBenchmark implements Benchmark {

  private static final int CONTAINERS = 3;
  private static final long STABLE_SECONDS = 2;
  private static final long POLL_MILLIS = 20;

  @Override
  public String number() {
    return "7";
  }

  @Override
  public String title() {
    return "Trigger to running for a one-container change";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    section.how(
        String.format(
            Locale.ROOT,
            "A real `stow daemon` (the unit's environment, the engine's default verification"
                + " poll of 1 s) runs %d containers from a local Git remote (`stable: %ds`); each"
                + " container's process ends at once on SIGTERM, so a stop costs no stop timeout."
                + " Each run commits a new value of one environment variable of the first"
                + " container, sends `POST /trigger?head_hash=<new>` and polls `GET"
                + " /status?head_hash=<new>` every %d ms until `state` is `running`; the stable"
                + " window is subtracted. The daemon fetches the branch, writes the folder out, plans the"
                + " replacements (see below), checks the image, stops and removes the old"
                + " containers, creates and starts the new ones, verifies all three for the window"
                + " and records the snapshot. The"
                + " baselines are the same replacements by hand: `docker stop`, `docker rm` and"
                + " `docker run -d` of containers of the same image and command, three"
                + " processes per container.",
            CONTAINERS,
            STABLE_SECONDS,
            POLL_MILLIS));
    String deployment = "stow-bench-" + context.docker().runId() + "-trigger";
    try (HostDaemon host =
        HostDaemon.start(context, context.dir("trigger"), yaml(context, deployment, 0))) {
      DaemonClient client = host.daemon().client();
      int[] round = {0};
      Sample latency =
          Measure.repeat(
              () -> {
                String head = host.push(yaml(context, deployment, ++round[0]));
                long start = System.nanoTime();
                int status = client.trigger(head).statusCode();
                if (status != 202) {
                  throw new IllegalStateException("POST /trigger answered " + status);
                }
                awaitRunning(client, head);
                return (System.nanoTime() - start) / 1e9;
              });

      List<List<String>> runs = new ArrayList<>();
      for (int i = 0; i < CONTAINERS; i++) {
        List<String> run =
            new ArrayList<>(
                List.of(
                    "run",
                    "-d",
                    "--name",
                    Deployments.container(deployment, 90 + i),
                    "--label",
                    context.docker().label(),
                    "--env",
                    "ROUND=0",
                    context.image().toString()));
        run.addAll(List.of(Deployments.STOPS_AT_ONCE));
        BenchDocker.docker(run.toArray(String[]::new));
        runs.add(run);
      }
      section.baseline(
          "by hand, one container: `docker stop`, `docker rm`, `docker run -d` (3 processes)",
          "by hand, one",
          replaceByHand(runs.subList(0, 1)),
          Unit.SECONDS);
      Row baselineAll =
          section.baseline(
              "by hand, all "
                  + CONTAINERS
                  + " containers, one after the other ("
                  + 3 * CONTAINERS
                  + " processes)",
              "by hand, all " + CONTAINERS,
              replaceByHand(runs),
              Unit.SECONDS);
      section.row(
          "stow: trigger to running, minus the " + STABLE_SECONDS + " s stable window",
          latency.map(s -> s - STABLE_SECONDS),
          Unit.SECONDS,
          baselineAll,
          Target.below(1.5, Unit.SECONDS));
      section.note(
          "stow replaces every container of a deployment when any of them changes: each carries"
              + " the deployment's hash (`stow.hash`), and a container whose hash is stale is"
              + " replaced (DESIGN.md, section 5). So the daemon replaces all "
              + CONTAINERS
              + " containers here, and its row is compared with replacing all "
              + CONTAINERS
              + " by hand; replacing only the changed one by hand is the other baseline.");
      section.row("stow: trigger to running (the window included)", latency, Unit.SECONDS);
      List<String> ends = host.daemon().logLines(" reconcile finished:");
      if (!ends.isEmpty()) {
        String last = ends.get(ends.size() - 1);
        section.note(
            "The daemon's log line of the last run: `"
                + last.substring(last.indexOf("reconcile finished"))
                + "`.");
      }
    }
  }

  /** Replaces each container of {@code runs} ({@code docker run} arguments) by hand, in turn. */
  private static Sample replaceByHand(List<List<String>> runs) throws Exception {
    return Measure.millis(
            () -> {
              for (List<String> run : runs) {
                String name = run.get(3);
                BenchDocker.docker("stop", name);
                BenchDocker.docker("rm", name);
                BenchDocker.docker(run.toArray(String[]::new));
              }
            })
        .map(ms -> ms / 1000);
  }

  private static StowYaml yaml(BenchContext context, String deployment, int round) {
    StowYaml yaml = StowYaml.deployment(deployment).verify("120s", STABLE_SECONDS + "s");
    for (int i = 0; i < CONTAINERS; i++) {
      StowYaml.Container c =
          Deployments.container(
              context, Deployments.container(deployment, i), Deployments.STOPS_AT_ONCE);
      if (i == 0) {
        c.env("ROUND", Integer.toString(round));
      }
      yaml.container(c);
    }
    return yaml;
  }

  private static void awaitRunning(DaemonClient client, String head) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = client.status(head);
      String state = status.path("state").asText();
      if (state.equals("running") && status.path("phase").asText().equals("idle")) {
        return;
      }
      if (state.equals("error")) {
        throw new IllegalStateException(
            "the reconcile failed: " + status.path("last_error").asText());
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("the commit did not run within 120 s; last status " + status);
  }
}
