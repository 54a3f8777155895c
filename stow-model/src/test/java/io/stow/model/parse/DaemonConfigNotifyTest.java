package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.config.DaemonConfig;
import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyFormat;
import io.stow.model.config.NotifyTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonConfigNotifyTest {

  private static final String BASE =
      "gitlabBase: https://git.example/api/v4\nproject: team/deployments\ngitlabToken: t\n";
  private static final String HOOK_SECRET = "wh-S3NT1NEL-9f8e7d6c5b4a";

  private static DaemonConfig parse(String yaml) {
    return DaemonConfigParser.parse(
        Path.of("/etc/stow/daemon.yaml"), yaml.getBytes(StandardCharsets.UTF_8), () -> "host");
  }

  private static List<Problem> problems(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void notify_isEmptyAndCommitStatusOff_byDefault() {
    DaemonConfig config = parse(BASE);

    assertThat(config.notifications().targets()).isEmpty();
    assertThat(config.notifications().commitStatus()).isFalse();
    assertThat(config.notifications().any()).isFalse();
  }

  @Test
  void notify_readsEveryTarget_withDefaultsForFormatEventsAndName() {
    DaemonConfig config =
        parse(
            BASE
                + "commitStatus: true\n"
                + "notify:\n"
                + "  - url: https://hooks.example.com/stow\n"
                + "  - url: https://ntfy.example.com/deploys\n"
                + "    format: ntfy\n"
                + "    events: [rolled-back, rollback-failed, failed]\n"
                + "    tokenFile: ntfy.token\n"
                + "  - name: team-chat\n"
                + "    url: https://discord.com/api/webhooks/1/"
                + HOOK_SECRET
                + "\n"
                + "    format: discord\n"
                + "    events:\n"
                + "      - deployed\n"
                + "      - ' degraded '\n"
                + "      - deployed\n");

    List<NotifyTarget> targets = config.notifications().targets();
    assertThat(config.notifications().commitStatus()).isTrue();
    assertThat(targets)
        .extracting(NotifyTarget::name)
        .containsExactly("json-1", "ntfy-2", "team-chat");
    assertThat(targets.get(0).format()).isEqualTo(NotifyFormat.JSON);
    assertThat(targets.get(0).events()).isEqualTo(NotifyEvent.subscribable());
    assertThat(targets.get(0).tokenFile()).isEmpty();
    assertThat(targets.get(1).events())
        .containsExactlyInAnyOrder(
            NotifyEvent.ROLLED_BACK, NotifyEvent.ROLLBACK_FAILED, NotifyEvent.FAILED);
    assertThat(targets.get(1).tokenFile()).contains(Path.of("/etc/stow/ntfy.token"));
    assertThat(targets.get(2).events())
        .containsExactlyInAnyOrder(NotifyEvent.DEPLOYED, NotifyEvent.DEGRADED);
    assertThat(targets.get(2).url().reveal()).endsWith(HOOK_SECRET);
    assertThat(targets.get(2).redactedUrl()).isEqualTo("https://discord.com/…");
    assertThat(config.toString()).doesNotContain(HOOK_SECRET);
  }

  @Test
  void redact_keepsSchemeHostAndPortOnly() {
    assertThat(NotifyTarget.redact("https://user:pw@ntfy.sh/topic?auth=abc"))
        .isEqualTo("https://ntfy.sh/…?…");
    assertThat(NotifyTarget.redact("http://127.0.0.1:8000/notify/stow"))
        .isEqualTo("http://127.0.0.1:8000/…");
    assertThat(NotifyTarget.redact("https://gotify.example.com"))
        .isEqualTo("https://gotify.example.com");
    assertThat(NotifyTarget.redact("http://[::1]:9/x")).isEqualTo("http://[::1]:9/…");
    assertThat(NotifyTarget.redact("not a url")).isEqualTo("<redacted URL>");
  }

  @Test
  void notify_refusesWrongFields_eachWithItsPosition_andNeverQuotesTheUrl() {
    List<Problem> problems =
        problems(
            BASE
                + "notify:\n"
                + "  - url: ftp://files.example.com/"
                + HOOK_SECRET
                + "\n"
                + "    format: teams\n"
                + "  - url: https://hooks.slack.com/services/T/B/"
                + HOOK_SECRET
                + "\n"
                + "    format: slack\n"
                + "    tokenFile: slack-tk\n"
                + "    events: [deploy, test]\n"
                + "  - format: json\n"
                + "    colour: red\n"
                + "  - url: https://a.example.com/x\n"
                + "    name: 'two words'\n"
                + "    events: []\n");

    assertThat(problems)
        .extracting(p -> p.line() + ":" + p.yamlPath())
        .containsExactly(
            "5:notify[0].url",
            "6:notify[0].format",
            "9:notify[1].tokenFile",
            "10:notify[1].events[0]",
            "10:notify[1].events[1]",
            "11:notify[2].url",
            "12:",
            "14:notify[3].name",
            "15:notify[3].events");
    assertThat(problems.get(1).message()).contains("json, ntfy, discord, slack, gotify, apprise");
    assertThat(problems.get(2).message()).contains("slack webhook URL carries its secret");
    assertThat(problems.get(3).message()).contains("did you mean 'deployed'?");
    assertThat(problems.get(4).message()).contains("stow notify-test");
    assertThat(problems.get(5).message()).isEqualTo("is required");
    assertThat(problems.get(6).message())
        .as("the unknown key is not echoed")
        .contains("unknown key '…'");
    assertThat(problems).allSatisfy(p -> assertThat(p.toString()).doesNotContain(HOOK_SECRET));
  }

  @Test
  void notify_refusesDuplicateNames_andCredentialsGivenTwice() {
    List<Problem> problems =
        problems(
            BASE
                + "notify:\n"
                + "  - url: https://a.example.com/x\n"
                + "    name: ops\n"
                + "  - url: https://user:pw@b.example.com/y\n"
                + "    name: ops\n"
                + "    tokenFile: t\n");

    assertThat(problems)
        .extracting(p -> p.line() + ":" + p.yamlPath())
        .containsExactly("8:notify[1].name", "9:notify[1].tokenFile");
    assertThat(problems.get(0).message()).contains("another target has the name 'ops'");
    assertThat(problems.get(1).message()).contains("give them once");
  }

  @Test
  void commitStatus_isRefusedForAPlainGitRemote_andMustBeABoolean() {
    assertThat(
            problems("git: {url: 'https://git.example.com/ops/deploy.git'}\ncommitStatus: true\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.yamlPath()).isEqualTo("commitStatus");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("plain Git remote");
            });
    assertThat(problems(BASE + "commitStatus: 'yes'\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("must be true or false"));
  }

  @Test
  void notify_mustBeAListOfMappings() {
    assertThat(problems(BASE + "notify: https://a.example.com/x\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("must be a list"));
    assertThatThrownBy(() -> parse(BASE + "notify:\n  - https://a.example.com/x\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("notify[0]: must be a mapping");
  }
}
