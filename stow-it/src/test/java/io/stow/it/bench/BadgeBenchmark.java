package io.stow.it.bench;

import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Deployments;
import io.stow.it.bench.harness.Exec;
import io.stow.it.bench.harness.HostDaemon;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Nginx;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import io.stow.it.bench.harness.Wrk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 5. The daemon's badge and status of the running commit over TLS keep-alive, against nginx serving
 * the same bytes as static files with the same certificate, both loaded with {@code wrk} on the
 * same machine.
 */
final class BadgeBenchmark implements Benchmark {

  @Override
  public String number() {
    return "5";
  }

  @Override
  public String title() {
    return "Badge and status over TLS vs. nginx";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    if (!Exec.onPath("wrk") || !Exec.onPath("nginx")) {
      throw new IllegalStateException(
          "install the load generator and nginx: apt-get install wrk nginx");
    }
    Duration duration = Duration.ofSeconds(Integer.getInteger("stow.bench.wrkSeconds", 5));
    section.how(
        String.format(
            Locale.ROOT,
            "A real `stow daemon` (the unit's environment) runs a two-container deployment from"
                + " a local Git remote and serves HTTPS with a self-signed EC certificate: its"
                + " badge and its status of the running commit (answered from memory: no"
                + " download, no lock, the host status at most 1 s old), beside nginx serving the"
                + " very same bytes as static files with the same certificate. Each server picks"
                + " the TLS 1.3 cipher suite it prefers from what wrk (OpenSSL) offers: nginx"
                + " takes the client's first, AES-256-GCM, which OpenSSL runs on the processor's"
                + " AES instructions; the daemon, whose JVM runs its first-tier compiler alone,"
                + " prefers ChaCha20-Poly1305, since that compiler runs AES-GCM as plain Java."
                + " The rates: `%s`"
                + " (saturating both servers). The p99 latencies: `%s`, one client on one"
                + " kept-alive connection, so each request's own latency and no queueing; the"
                + " 10 ms target applies to these. One untimed pass per URL and mode warms up;"
                + " then each of the %d rounds loads the four URLs in turn in both modes. wrk,"
                + " the server under test and everything else share the machine's cores.",
            Wrk.describe(duration),
            Wrk.describeOneClient(duration),
            Measure.rounds()));
    Path dir = context.dir("badge");
    String deployment = "stow-bench-" + context.docker().runId() + "-badge";
    try (HostDaemon host =
        HostDaemon.start(context, dir, Deployments.of(context, deployment, 2, "1s"))) {
      String head = host.head();
      String daemon = host.daemon().url();
      Path www = Files.createDirectories(dir.resolve("www"));
      Files.writeString(
          www.resolve("gitlab.svg"),
          host.daemon().client().get("/gitlab.svg?git_hash=" + head).body());
      Files.writeString(
          www.resolve("status.json"),
          host.daemon().client().get("/status?head_hash=" + head).body());
      host.writeTls(dir);
      try (Nginx nginx = Nginx.start(dir, www)) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("daemon badge", daemon + "/gitlab.svg?git_hash=" + head);
        urls.put("nginx badge", nginx.url() + "/gitlab.svg");
        urls.put("daemon status", daemon + "/status?head_hash=" + head);
        urls.put("nginx status", nginx.url() + "/status.json");
        for (String url : urls.values()) {
          Wrk.run(url, duration);
          Wrk.oneClient(url, duration);
        }
        Map<String, List<Wrk.Figures>> loaded = new LinkedHashMap<>();
        Map<String, List<Wrk.Figures>> single = new LinkedHashMap<>();
        urls.keySet().forEach(k -> loaded.put(k, new ArrayList<>()));
        urls.keySet().forEach(k -> single.put(k, new ArrayList<>()));
        for (int round = 0; round < Measure.rounds(); round++) {
          for (Map.Entry<String, String> url : urls.entrySet()) {
            loaded.get(url.getKey()).add(Wrk.run(url.getValue(), duration));
            single.get(url.getKey()).add(Wrk.oneClient(url.getValue(), duration));
          }
        }
        for (String what : List.of("badge", "status")) {
          String path =
              what.equals("badge")
                  ? "`GET /gitlab.svg?git_hash=<running>`"
                  : "`GET /status?head_hash=<running>`";
          String file = what.equals("badge") ? "`GET /gitlab.svg`" : "`GET /status.json`";
          Row nginxRate =
              section.baseline(
                  "nginx " + file + " (static, same bytes): requests/s, loaded",
                  "nginx",
                  rates(loaded.get("nginx " + what)),
                  Unit.REQUESTS_PER_SECOND);
          section.row(
              "daemon " + path + ": requests/s, loaded",
              rates(loaded.get("daemon " + what)),
              Unit.REQUESTS_PER_SECOND,
              nginxRate,
              Target.ratioAtLeast(0.5, "nginx"));
          Row nginxP99 =
              section.baseline(
                  "nginx " + file + ": p99 latency, one client",
                  "nginx p99",
                  p99s(single.get("nginx " + what)),
                  Unit.MILLIS);
          section.row(
              "daemon " + path + ": p99 latency, one client",
              p99s(single.get("daemon " + what)),
              Unit.MILLIS,
              nginxP99,
              Target.below(10, Unit.MILLIS));
          Row nginxLoadedP99 =
              section.baseline(
                  "nginx " + file + ": p99 latency, loaded",
                  "nginx loaded p99",
                  p99s(loaded.get("nginx " + what)),
                  Unit.MILLIS);
          section.row(
              "daemon " + path + ": p99 latency, loaded",
              p99s(loaded.get("daemon " + what)),
              Unit.MILLIS,
              nginxLoadedP99);
        }
      }
    }
  }

  private static Sample rates(List<Wrk.Figures> runs) {
    return new Sample(runs.stream().map(Wrk.Figures::requestsPerSecond).toList());
  }

  private static Sample p99s(List<Wrk.Figures> runs) {
    return new Sample(runs.stream().map(Wrk.Figures::p99Millis).toList());
  }
}
