package io.stow.cli.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonStatusTest {

  private static final HeadHash HEAD = HeadHash.parse("a".repeat(40));
  private static final HeadHash OTHER = HeadHash.parse("b".repeat(40));

  private static DaemonStatus status(String json, HeadHash head) throws Exception {
    return DaemonStatus.of(new ObjectMapper().readTree(json), head);
  }

  @Test
  void of_readsTheStateAndTheFieldsThatExplainIt() throws Exception {
    DaemonStatus status =
        status(
            "{\"state\":\"error\",\"status_label\":\"different-head-idle\",\"last_result\":\"error\","
                + "\"last_error\":\"pull failed\",\"active_head_hash\":null,\"queued\":false}",
            HEAD);
    assertThat(status.state()).isEqualTo(DeploymentState.ERROR);
    assertThat(status.settled(HEAD)).isTrue();
    assertThat(status.reason()).isEqualTo("pull failed");
    assertThat(status.summary())
        .isEqualTo(
            "error (status_label different-head-idle, last_result error, last_error pull failed)");
  }

  @Test
  void settled_isFalseWhileTheDaemonNamesTheHeadAsActiveOrQueued() throws Exception {
    assertThat(
            status("{\"state\":\"error\",\"active_head_hash\":\"" + HEAD + "\"}", HEAD)
                .settled(HEAD))
        .isFalse();
    assertThat(
            status("{\"state\":\"different\",\"queued_head_hash\":\"" + HEAD + "\"}", HEAD)
                .settled(HEAD))
        .isFalse();
    assertThat(status("{\"state\":\"queued\"}", HEAD).settled(HEAD)).isFalse();
    assertThat(
            status("{\"state\":\"different\",\"active_head_hash\":\"" + OTHER + "\"}", HEAD)
                .settled(HEAD))
        .isTrue();
  }

  @Test
  void of_theOriginalToolsStatusWithoutState_readsAsItsBadge() throws Exception {
    String base = "\"status_label\":\"x\",\"phase\":\"idle\",\"queued\":";
    assertThat(
            status("{" + base + "false,\"current_hash\":\"h1\",\"expected_hash\":\"h1\"}", HEAD)
                .state())
        .isEqualTo(DeploymentState.RUNNING);
    assertThat(status("{" + base + "false,\"active_head_hash\":\"" + HEAD + "\"}", HEAD).state())
        .isEqualTo(DeploymentState.RECONCILING);
    assertThat(status("{" + base + "true,\"queued_head_hash\":\"" + HEAD + "\"}", HEAD).state())
        .isEqualTo(DeploymentState.QUEUED);
    assertThat(
            status(
                    "{"
                        + base
                        + "false,\"last_result\":\"error\",\"current_hash\":\"h1\","
                        + "\"expected_hash\":\"h2\"}",
                    HEAD)
                .state())
        .isEqualTo(DeploymentState.ERROR);
    assertThat(
            status("{" + base + "false,\"current_hash\":\"h1\",\"expected_hash\":\"h2\"}", HEAD)
                .state())
        .isEqualTo(DeploymentState.DIFFERENT);
    assertThat(status("{" + base + "false,\"current_hash\":\"h1\"}", HEAD).state())
        .as("the commit is not resolved yet")
        .isEqualTo(DeploymentState.UNKNOWN);
  }

  @Test
  void of_refusesWhatIsNotAStatus() {
    assertThatThrownBy(() -> status("[1]", HEAD)).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> status("{\"ok\":true}", HEAD))
        .hasMessageContaining("neither 'state' nor 'status_label'");
    assertThatThrownBy(() -> status("{\"state\":\"sleeping\"}", HEAD))
        .hasMessageContaining("unknown state 'sleeping'");
  }

  @Test
  void backoff_isExponentialWithFullJitterAndCapped() {
    Backoff backoff = Backoff.DEFAULT;
    assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
    assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(10, 0.5)).as("capped at 30 s").isEqualTo(Duration.ofSeconds(15));
    assertThat(backoff.delay(4, 0.0)).isZero();
    assertThat(backoff.asked(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> backoff.withAttempts(0)).hasMessageContaining("at least 1");
  }

  @Test
  void endpointAndHeadHash_parseWhatCiPasses() {
    assertThat(DaemonEndpoint.parse(" https://deploy-host.example.com:17403/ ").resolve("status"))
        .hasToString("https://deploy-host.example.com:17403/status");
    assertThat(DaemonEndpoint.parse("http://127.0.0.1:8080/stow//").resolve("trigger"))
        .hasToString("http://127.0.0.1:8080/stow/trigger");
    assertThatThrownBy(() -> DaemonEndpoint.parse("https://user:pw@h/"))
        .hasMessageContaining("must not carry a user");
    assertThatThrownBy(() -> DaemonEndpoint.parse("deploy-host:17403"))
        .hasMessageContaining("must start with https://");
    assertThat(HeadHash.parse("ABCDEF" + "0".repeat(34)).hex())
        .isEqualTo("abcdef" + "0".repeat(34));
    assertThat(HeadHash.parse("c".repeat(64)).abbreviated()).isEqualTo("cccccccccccc");
    assertThatThrownBy(() -> HeadHash.parse("abc")).hasMessageContaining("not a full commit id");
  }
}
