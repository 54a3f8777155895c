package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.cli.trigger.FakeTime;
import io.stow.cli.trigger.ScriptedDaemon;
import io.stow.cli.trigger.ScriptedDaemon.Reply;
import io.stow.cli.trigger.TestCa;
import io.stow.cli.trigger.Timing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow trigger} against a scripted daemon over real HTTPS with a private test CA, time
 * injected: retries and polls sleep on a fake clock.
 */
class TriggerCommandTest {

  private static final String HEAD = "0123456789abcdef0123456789abcdef01234567";
  private static final String TOKEN = "SENTINEL-trigger-token-42";

  @TempDir Path temp;

  private final TestCa ca = new TestCa();
  private final FakeTime time = new FakeTime(0.5);
  private final Map<String, String> env = new HashMap<>();
  private final List<ScriptedDaemon> daemons = new ArrayList<>();

  @AfterEach
  void stopDaemons() {
    daemons.forEach(ScriptedDaemon::close);
  }

  private ScriptedDaemon daemon() {
    ScriptedDaemon daemon = ScriptedDaemon.https(ca);
    daemons.add(daemon);
    return daemon;
  }

  private CliRun run(String... args) {
    return CliRun.of(
        console ->
            new CliComposition(console) {
              @Override
              Timing timing() {
                return time.timing();
              }

              @Override
              Map<String, String> environment() {
                return env;
              }
            },
        args);
  }

  private String caFile() throws IOException {
    return ca.writeCaPem(temp.resolve("ca.pem")).toString();
  }

  private String tokenFile() throws IOException {
    return Files.writeString(temp.resolve("token"), TOKEN + "\n").toString();
  }

  @Test
  void trigger_postsTheHeadWithTheBearerToken_andTrustsThePrivateCa() throws IOException {
    ScriptedDaemon daemon =
        daemon().script("/trigger", Reply.json(202, "{\"phase\":\"starting\"}"));

    CliRun run =
        run(
            "trigger",
            "--url",
            daemon.url(),
            "--head-hash",
            HEAD.toUpperCase(),
            "--token-file",
            tokenFile(),
            "--cacert",
            caFile());

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("triggered 0123456789ab on " + daemon.url().replaceAll("/$", "") + " (202)");
    assertThat(daemon.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.path()).isEqualTo("/trigger");
              assertThat(r.query()).isEqualTo("head_hash=" + HEAD);
              assertThat(r.authorization()).contains("Bearer " + TOKEN);
            });
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void trigger_takesTheCaFromStowCacert() throws IOException {
    ScriptedDaemon daemon = daemon().script("/trigger", Reply.json(202, "{}"));
    env.put("STOW_CACERT", caFile());

    CliRun run = run("trigger", "--url", daemon.url(), "--head-hash", HEAD);

    assertThat(run.status()).as("%s", run).isZero();
  }

  @Test
  void trigger_withoutTheCa_namesTheRefusedCertificateAndHowToPassTheCa() {
    ScriptedDaemon daemon = daemon().script("/trigger", Reply.json(202, "{}"));

    CliRun run = run("trigger", "--url", daemon.url(), "--head-hash", HEAD);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("POST " + daemon.url() + "trigger?head_hash=" + HEAD)
        .contains(
            "TLS: the server's certificate (subject \""
                + TestCa.SERVER_SUBJECT
                + "\", issued by \""
                + TestCa.CA_SUBJECT
                + "\") is not trusted by the Java runtime's CAs")
        .contains("pass that CA's certificate (PEM) with --cacert FILE or STOW_CACERT=FILE")
        .doesNotContain("--stacktrace");
    assertThat(daemon.requests()).as("the handshake failed before any request").isEmpty();
    assertThat(time.sleeps()).as("a refused certificate is not retried").isEmpty();
  }

  @Test
  void trigger_withAnotherCa_saysTheCertificateIsNotSignedByIt() throws IOException {
    ScriptedDaemon daemon = daemon().script("/trigger", Reply.json(202, "{}"));
    Path otherCa = new TestCa().writeCaPem(temp.resolve("other-ca.pem"));

    CliRun run =
        run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--cacert", otherCa.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("subject \"" + TestCa.SERVER_SUBJECT + "\"")
        .contains("is not trusted by the CAs of " + otherCa + " or the Java runtime's CAs")
        .contains(
            "check that "
                + otherCa
                + " holds the certificate of the CA that signed the daemon's certificate");
  }

  @Test
  void trigger_unreachable_isRetriedTheBoundedNumberOfTimesWithJitteredBackoff()
      throws IOException {
    String url = "https://127.0.0.1:" + closedPort() + "/";

    CliRun run = run("trigger", "--url", url, "--head-hash", HEAD, "--cacert", caFile());

    assertThat(run.status()).isEqualTo(1);
    // five attempts: four waits of half (the jitter) of 1 s, 2 s, 4 s, 8 s
    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));
    assertThat(run.err())
        .contains("cannot connect")
        .contains("retrying in 500 ms (attempt 2 of 5)")
        .contains("retrying in 4000 ms (attempt 5 of 5)")
        .contains("(gave up after 5 attempt(s))");
  }

  @Test
  void trigger_attemptsBoundsTheRetries() throws IOException {
    String url = "https://127.0.0.1:" + closedPort() + "/";

    CliRun run =
        run("trigger", "--url", url, "--head-hash", HEAD, "--cacert", caFile(), "--attempts", "2");

    assertThat(run.status()).isEqualTo(1);
    assertThat(time.sleeps()).hasSize(1);
    assertThat(run.err()).contains("(gave up after 2 attempt(s))");
  }

  @Test
  void trigger_retriesA503_andWaitsAsA429AsksWithRetryAfter() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script(
                "/trigger",
                Reply.json(503, "{\"error\":\"starting up\"}"),
                Reply.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "7"),
                Reply.json(202, "{}"));

    CliRun run = run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--cacert", caFile());

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(daemon.requests()).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(7));
    assertThat(run.err()).contains("answered 503: starting up").contains("answered 429: slow down");
  }

  @Test
  void trigger_refusedToken_isNotRetriedAndNeverShowsTheToken() throws IOException {
    ScriptedDaemon daemon =
        daemon().script("/trigger", Reply.json(401, "{\"error\":\"bad token " + TOKEN + "\"}"));

    CliRun run =
        run(
            "trigger",
            "--url",
            daemon.url(),
            "--head-hash",
            HEAD,
            "--token-file",
            tokenFile(),
            "--cacert",
            caFile());

    assertThat(run.status()).isEqualTo(1);
    assertThat(daemon.requests()).hasSize(1);
    assertThat(run.err())
        .contains("answered 401")
        .contains("the daemon refused the token of --token-file")
        .doesNotContain(TOKEN);
  }

  @Test
  void trigger_withoutToken_whenTheDaemonWantsOne_saysHowToPassIt() throws IOException {
    ScriptedDaemon daemon = daemon().script("/trigger", Reply.json(401, "{}"));

    CliRun run = run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--cacert", caFile());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("pass --token-file F holding its triggerToken");
  }

  @Test
  void wait_followsAFailingDeploymentAndExitsWithTheDaemonsReason() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script("/trigger", Reply.json(202, "{}"))
            .script(
                "/status",
                Reply.state("queued", "\"queued_head_hash\":\"" + HEAD + "\""),
                Reply.state("queued", "\"queued_head_hash\":\"" + HEAD + "\""),
                Reply.state("reconciling", "\"active_head_hash\":\"" + HEAD + "\""),
                Reply.state("reconciling", "\"active_head_hash\":\"" + HEAD + "\""),
                Reply.state(
                    "error",
                    "\"last_result\":\"error\",\"last_error\":\"verification failed: web restarted"
                        + " 3 times\""));

    CliRun run =
        run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--wait", "--cacert", caFile());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out().lines().filter(l -> l.strip().startsWith("+")).map(String::strip))
        .containsExactly(
            "+0s  queued (status_label queued-label, queued 0123456789ab)",
            "+4s  reconciling (status_label reconciling-label, active 0123456789ab)",
            "+8s  error (status_label error-label, last_result error, last_error verification"
                + " failed: web restarted 3 times)");
    assertThat(run.err())
        .contains(
            "error: 0123456789ab did not deploy (error): verification failed: web restarted 3 times");
    assertThat(daemon.requests().stream().filter(r -> r.path().equals("/status")))
        .allSatisfy(r -> assertThat(r.query()).isEqualTo("head_hash=" + HEAD));
  }

  @Test
  void wait_keepsWaitingWhileTheHeadIsStillQueuedBehindAFailedReconcile() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script("/trigger", Reply.json(202, "{}"))
            .script(
                "/status",
                // the previous reconcile failed, but this head is still waiting: not the outcome
                Reply.state(
                    "error",
                    "\"last_error\":\"an older failure\",\"queued_head_hash\":\"" + HEAD + "\""),
                Reply.state("running", ""));

    CliRun run =
        run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--wait", "--cacert", caFile());

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(run.out()).contains("the host runs 0123456789ab");
  }

  @Test
  void wait_runningExitsZero_afterAnUnavailableStatus() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script("/trigger", Reply.json(202, "{}"))
            .script(
                "/status",
                Reply.json(503, "{\"error\":\"restarting\"}"),
                Reply.state("reconciling", "\"active_head_hash\":\"" + HEAD + "\""),
                Reply.state("running", ""));

    CliRun run =
        run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--wait", "--cacert", caFile());

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("status unavailable: GET")
        .contains("answered 503: restarting")
        .contains("+4s  running (status_label running-label)")
        .contains("the host runs 0123456789ab");
  }

  @Test
  void wait_timesOutSayingWhatItLastSaw() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script("/trigger", Reply.json(202, "{}"))
            .script("/status", Reply.state("reconciling", "\"active_head_hash\":\"" + HEAD + "\""));

    CliRun run =
        run(
            "trigger",
            "--url",
            daemon.url(),
            "--head-hash",
            HEAD,
            "--wait",
            "--timeout",
            "1m",
            "--cacert",
            caFile());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "error: gave up after 60s waiting for 0123456789ab to run; last seen: state reconciling"
                + " (status_label reconciling-label, active 0123456789ab)");
    // one line for the one state it saw, not one per poll
    assertThat(run.out().lines().filter(l -> l.strip().startsWith("+"))).hasSize(1);
    assertThat(time.sleeps())
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
  }

  @Test
  void wait_differentAfterTheReconcile_failsWithWhatTheHostRuns() throws IOException {
    ScriptedDaemon daemon =
        daemon()
            .script("/trigger", Reply.json(202, "{}"))
            .script("/status", Reply.state("different", "\"last_result\":\"ok\""));

    CliRun run =
        run("trigger", "--url", daemon.url(), "--head-hash", HEAD, "--wait", "--cacert", caFile());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("did not deploy (different): the host runs the deployment of another commit");
  }

  @Test
  void trigger_badArgumentsAreUsageErrors() {
    assertThat(run("trigger", "--url", "ftp://x", "--head-hash", HEAD).err())
        .contains("it must start with https://");
    CliRun shortHash = run("trigger", "--url", "https://h:17403/", "--head-hash", "abc123");
    assertThat(shortHash.status()).isEqualTo(2);
    assertThat(shortHash.err()).contains("is not a full commit id");
    assertThat(run("trigger", "--head-hash", HEAD).err())
        .contains("Missing required option(s) [url]");
    assertThat(run("trigger", "--url", "https://h/", "--head-hash", HEAD, "--timeout", "ten").err())
        .contains("is not a duration");
  }

  @Test
  void trigger_missingCaFileSaysSo() {
    CliRun run =
        run("trigger", "--url", "https://h/", "--head-hash", HEAD, "--cacert", "/no/such/ca.pem");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "the CA file /no/such/ca.pem (--cacert): no such file; it must be a PEM file with the"
                + " certificate of the CA that signed the daemon's certificate");
  }

  @Test
  void trigger_caFileHoldingAKey_isRefusedByTheSharedPemRules_withoutQuotingIt()
      throws IOException {
    String key = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg-SENTINEL-key-body";
    Path file =
        Files.writeString(
            temp.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----\n");
    env.put("STOW_CACERT", file.toString());

    CliRun run = run("trigger", "--url", "https://h/", "--head-hash", HEAD);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("the CA file " + file + " (STOW_CACERT): it holds a private key (line 1)")
        .doesNotContain("SENTINEL");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
