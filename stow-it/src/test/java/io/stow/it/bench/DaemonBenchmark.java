package io.stow.it.bench;

import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.SelfSignedTls;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@code stow daemon} (the shaded jar, started as systemd would, with {@link #JVM_FLAGS})
 * serving the badge and the status of the running commit over TLS keep-alive on loopback, beside
 * nginx serving the same bytes as static files over TLS with the same certificate, in the same run,
 * both measured with {@code wrk}; and the daemon's resident memory when idle. Prints the figures;
 * asserts nothing. Needs root (the configuration lockdown), the test environment ({@code bash
 * .ci/test-env.sh}), and {@code apt-get install wrk nginx}:
 *
 * <pre>
 * ./mvnw -B -q -pl stow-it -am verify -Pbench -DskipTests
 * </pre>
 *
 * Containers the daemon creates are named {@code stow-bench-<run>-...} and removed at the end.
 */
public final class DaemonBenchmark {

  /** The flags the systemd unit gives the daemon's JVM; {@code -Dstow.bench.jvm=...} overrides. */
  static final String JVM_FLAGS =
      "-XX:+UseSerialGC -Xms16m -Xmx64m -Xss512k -XX:MaxMetaspaceSize=64m"
          + " -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=16m -XX:TieredStopAtLevel=1"
          + " -XX:+ExitOnOutOfMemoryError";

  private static final String TOKEN = "glpat-bench-token-0001";
  private static final Pattern LISTENING = Pattern.compile("listening on (https://[0-9.]+:[0-9]+)");
  private static final String THREADS = "2";
  private static final String CONNECTIONS = "16";
  private static final String DURATION = "10s";

  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Path work;
  private final List<Process> processes = new ArrayList<>();

  private DaemonBenchmark(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    DaemonBenchmark bench = new DaemonBenchmark(Files.createTempDirectory("stow-daemon-bench-"));
    try {
      bench.run(System.getProperty("stow.bench.jvm", JVM_FLAGS));
    } finally {
      bench.cleanUp();
    }
    System.exit(0);
  }

  private void run(String jvmFlags) throws Exception {
    require(
        onPath("wrk") && onPath("nginx"),
        "install the load generator and nginx: apt-get install wrk nginx");
    DaemonConfigDir.requireRoot();
    ImageRef image = TestImages.get().first();
    try (FakeGitLab gitlab = FakeGitLab.start()) {
      gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
      FakeProject project = gitlab.createProject("ops/deployments").member("host-bot");
      String deployment = "stow-bench-" + runId;
      String head =
          project.commit(
              "main",
              "bench",
              Map.of(
                  "host-1/stow.yaml",
                  StowYaml.deployment(deployment)
                      .verify("30s", "1s")
                      .container(
                          StowYaml.Container.of(deployment + "-web", image)
                              .command("sleep", "3600"))
                      .container(
                          StowYaml.Container.of(deployment + "-worker", image)
                              .command("sleep", "3600"))
                      .render()));
      SelfSignedTls tls = SelfSignedTls.create();
      int port = freePort();
      Path config =
          DaemonConfigDir.at(
                  work.resolve("etc"),
                  gitlab,
                  "ops/deployments",
                  TOKEN,
                  "host-1",
                  work.resolve("state"))
              .set("listen", "127.0.0.1:" + port)
              .set("triggerToken", "bench-trigger-token-0001")
              .tls(tls)
              .write();

      Process daemon = startDaemon(jvmFlags, config);
      String url = awaitListening(daemon);
      DaemonClient client = new DaemonClient(url, Optional.of(tls.clientContext()));
      client.awaitIdle(Duration.ofSeconds(120));
      require(
          client.status(head).path("state").asText().equals("running"),
          "the deployment did not run");
      Thread.sleep(10_000);
      long idleKb = rssKb(daemon.pid());
      if (!Boolean.parseBoolean(System.getProperty("stow.bench.load", "true"))) {
        // -Dstow.bench.load=false: only the idle figure, for trying JVM flags
        System.out.printf(Locale.ROOT, "idle RSS %.1f MB with %s%n", idleKb / 1024.0, jvmFlags);
        if (jvmFlags.contains("NativeMemoryTracking")) {
          Process jcmd =
              new ProcessBuilder("jcmd", Long.toString(daemon.pid()), "VM.native_memory", "summary")
                  .redirectErrorStream(true)
                  .start();
          System.out.println(
              new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return;
      }

      // nginx: the same bytes, static, same certificate
      Path www = Files.createDirectories(work.resolve("www"));
      Files.writeString(
          www.resolve("gitlab.svg"), client.get("/gitlab.svg?git_hash=" + head).body());
      Files.writeString(www.resolve("status.json"), client.get("/status?head_hash=" + head).body());
      tls.write(work);
      int nginxPort = freePort();
      startNginx(nginxPort, www);
      String nginx = "https://127.0.0.1:" + nginxPort;
      awaitNginx(nginxPort);

      System.out.printf(
          Locale.ROOT,
          "stow daemon benchmark: wrk -t%s -c%s -d%s over TLS keep-alive on loopback, %d cores,"
              + " Java %s, daemon JVM flags: %s%n",
          THREADS,
          CONNECTIONS,
          DURATION,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          jvmFlags);
      wrk(url + "/gitlab.svg?git_hash=" + head); // warm-up of both handlers' code paths
      wrk(url + "/status?head_hash=" + head);
      wrk(nginx + "/gitlab.svg");
      List<String[]> rows = new ArrayList<>();
      rows.add(
          row(
              "daemon GET /gitlab.svg?git_hash=<running>",
              wrk(url + "/gitlab.svg?git_hash=" + head)));
      rows.add(row("nginx  GET /gitlab.svg (static, same bytes)", wrk(nginx + "/gitlab.svg")));
      rows.add(
          row("daemon GET /status?head_hash=<running>", wrk(url + "/status?head_hash=" + head)));
      rows.add(row("nginx  GET /status.json (static, same bytes)", wrk(nginx + "/status.json")));
      long loadedKb = rssKb(daemon.pid());
      Thread.sleep(10_000);
      long afterKb = rssKb(daemon.pid());

      System.out.printf(Locale.ROOT, "%-46s %12s %10s %10s%n", "what", "req/s", "p50", "p99");
      for (String[] r : rows) {
        System.out.printf(Locale.ROOT, "%-46s %12s %10s %10s%n", (Object[]) r);
      }
      System.out.printf(
          Locale.ROOT,
          "daemon resident memory: idle after start-up and deployment %.1f MB; right after the load"
              + " %.1f MB; 10 s later %.1f MB%n",
          idleKb / 1024.0,
          loadedKb / 1024.0,
          afterKb / 1024.0);
    }
  }

  private Process startDaemon(String jvmFlags, Path config) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
    command.addAll(
        List.of("-jar", StowProcess.jar().toString(), "daemon", "--config", config.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("daemon.log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  private String awaitListening(Process daemon) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      String log = Files.readString(work.resolve("daemon.log"), StandardCharsets.UTF_8);
      Matcher m = LISTENING.matcher(log);
      if (m.find()) {
        return m.group(1);
      }
      require(daemon.isAlive(), "the daemon exited:\n" + log);
      Thread.sleep(100);
    }
    throw new IllegalStateException("the daemon did not listen within 60 s");
  }

  private void startNginx(int port, Path www) throws IOException {
    Path conf = work.resolve("nginx.conf");
    Files.writeString(
        conf,
        "daemon off;\nworker_processes auto;\nuser root;\npid "
            + work.resolve("nginx.pid")
            + ";\nerror_log "
            + work.resolve("nginx-error.log")
            + ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n"
            + "  keepalive_requests 1000000;\n  types { image/svg+xml svg; application/json json; }\n"
            + "  server {\n    listen 127.0.0.1:"
            + port
            + " ssl;\n"
            + "    ssl_certificate "
            + work.resolve("tls.crt")
            + ";\n"
            + "    ssl_certificate_key "
            + work.resolve("tls.key")
            + ";\n"
            + "    ssl_protocols TLSv1.2 TLSv1.3;\n"
            + "    add_header Cache-Control no-store;\n"
            + "    location / { root "
            + www
            + "; }\n  }\n}\n");
    Process nginx =
        new ProcessBuilder("nginx", "-c", conf.toString(), "-p", work.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("nginx.out").toFile())
            .start();
    processes.add(nginx);
  }

  private static void awaitNginx(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port);
  }

  /** Runs wrk; returns its output. */
  private static String wrk(String url) throws Exception {
    Process wrk =
        new ProcessBuilder(
                "wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + DURATION, "--latency", url)
            .redirectErrorStream(true)
            .start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    require(wrk.waitFor() == 0, "wrk failed:\n" + out);
    require(!out.contains("Non-2xx"), "wrk saw errors:\n" + out);
    return out;
  }

  private static String[] row(String what, String wrk) {
    return new String[] {
      what, match(wrk, "Requests/sec:\\s+([0-9.]+)"), percentile(wrk, "50%"), percentile(wrk, "99%")
    };
  }

  private static String percentile(String wrk, String which) {
    return match(wrk, "\\s" + Pattern.quote(which) + "\\s+([0-9.]+[a-z]+)");
  }

  private static String match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    require(m.find(), "no " + regex + " in wrk's output:\n" + text);
    return m.group(1);
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  private void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Process ps =
        new ProcessBuilder("docker", "ps", "-aq", "--filter", "name=stow-bench-" + runId).start();
    String ids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    ps.waitFor();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
      rm.addAll(Arrays.asList(ids.split("\\s+")));
      Process remove = new ProcessBuilder(rm).redirectErrorStream(true).start();
      if (!remove.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        remove.destroyForcibly();
        System.out.println(
            "could not remove the containers " + ids + " within 60 s; remove them by hand");
      }
    }
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
