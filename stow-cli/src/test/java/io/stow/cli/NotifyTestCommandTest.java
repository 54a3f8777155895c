package io.stow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stow.daemon.notify.HttpPoster;
import io.stow.daemon.notify.Payload;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyTestCommandTest {

  private static final String TOPIC = "deploys-SENTINEL-77e1";
  private static final String TOKEN = "tk_SENTINEL_token";
  private static final String BASE =
      "gitlabBase: https://git.example.com\nproject: ops/deploy\ngitlabToken: glpat-SENTINEL\n"
          + "subfolder: host-1\n";

  @TempDir Path dir;
  private final List<Payload> posted = new ArrayList<>();

  private CliRun run(String yaml, HttpPoster poster) throws IOException {
    Path config = Files.writeString(dir.resolve("daemon.yaml"), yaml);
    return CliRun.of(
        console ->
            new CliComposition(console) {
              @Override
              HttpPoster notifyPoster() {
                return payload -> {
                  posted.add(payload);
                  return poster.post(payload);
                };
              }
            },
        "notify-test",
        "--config",
        config.toString());
  }

  @Test
  void notifyTest_sendsOneTestEventToEveryTarget_andPrintsEachAnswer() throws IOException {
    Files.writeString(dir.resolve("ntfy.token"), TOKEN + "\n");
    String yaml =
        BASE
            + "notify:\n"
            + "  - url: https://ntfy.example.com/"
            + TOPIC
            + "\n    format: ntfy\n    tokenFile: ntfy.token\n"
            + "  - name: hook\n    url: https://hooks.example.com/stow\n";

    CliRun run =
        run(
            yaml,
            payload ->
                payload.url().contains("ntfy")
                    ? new HttpPoster.Answer(200, Optional.empty(), "{}")
                    : new HttpPoster.Answer(404, Optional.empty(), "no such hook"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("ntfy-1 (https://ntfy.example.com/…): answered 200\n");
    assertThat(run.err())
        .isEqualTo(
            "hook (https://hooks.example.com/…): answered 404: no such hook; check the target's"
                + " url (a deleted webhook or a wrong path)\n");
    assertThat(posted).hasSize(2);
    assertThat(new String(posted.get(0).body(), StandardCharsets.UTF_8))
        .contains("\"topic\":\"" + TOPIC + "\"")
        .contains("stow test notification from");
    assertThat(posted.get(0).headers()).containsEntry("Authorization", "Bearer " + TOKEN);
    assertThat(new String(posted.get(1).body(), StandardCharsets.UTF_8))
        .contains("\"event\":\"test\"");
    assertThat(run.out() + run.err()).doesNotContain("SENTINEL");
  }

  @Test
  void notifyTest_allAnswered_isExit0_andAnUnreachableTargetSaysWhy() throws IOException {
    String yaml = BASE + "notify:\n  - url: https://hooks.example.com/a\n";

    assertThat(run(yaml, p -> new HttpPoster.Answer(204, Optional.empty(), "")).status()).isZero();
    CliRun down =
        run(
            yaml,
            p -> {
              throw new ConnectException("Connection refused");
            });

    assertThat(down.status()).isEqualTo(1);
    assertThat(down.err()).contains("json-1 (https://hooks.example.com/…): cannot connect");
  }

  @Test
  void notifyTest_postsOverHttp_toAReceiverOnLoopback() throws IOException {
    List<String> received = new ArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            synchronized (received) {
              received.add(
                  exchange.getRequestMethod()
                      + " "
                      + exchange.getRequestURI().getPath()
                      + " "
                      + exchange.getRequestHeaders().getFirst("Authorization")
                      + " "
                      + new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            }
            exchange.sendResponseHeaders(202, -1);
          }
        });
    server.start();
    try {
      Files.writeString(dir.resolve("hook.token"), TOKEN + "\n");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + TOPIC;
      Path config =
          Files.writeString(
              dir.resolve("daemon.yaml"),
              BASE + "notify:\n  - url: " + url + "\n    tokenFile: hook.token\n");

      CliRun run = CliRun.of("notify-test", "--config", config.toString());

      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out())
          .isEqualTo(
              "json-1 (http://127.0.0.1:" + server.getAddress().getPort() + "/…): answered 202\n");
      assertThat(received)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r)
                      .startsWith("POST /hooks/" + TOPIC + " Bearer " + TOKEN + " {")
                      .contains("\"event\":\"test\""));
      assertThat(run.out() + run.err()).doesNotContain("SENTINEL");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void notifyTest_withoutTargets_orWithABadTokenFile_saysSo() throws IOException {
    CliRun none = run(BASE, p -> new HttpPoster.Answer(200, Optional.empty(), ""));
    CliRun badToken =
        run(
            BASE
                + "notify:\n  - url: https://ntfy.sh/t\n    format: ntfy\n    tokenFile: missing\n",
            p -> new HttpPoster.Answer(200, Optional.empty(), ""));

    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).contains("has no notify targets");
    assertThat(badToken.status()).isEqualTo(1);
    assertThat(badToken.err())
        .contains("tokenFile " + dir.resolve("missing"))
        .contains("does not exist");
    assertThat(posted).isEmpty();
  }
}
