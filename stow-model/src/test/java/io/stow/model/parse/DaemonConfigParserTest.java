package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.config.DaemonConfig;
import io.stow.model.config.ListenAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonConfigParserTest {

  private static final String TOKEN = "glpat-S3NT1NEL-token-value";
  private static final Path FILE = Path.of("/etc/stow/daemon.yaml");

  private static DaemonConfig parse(String yaml) {
    return DaemonConfigParser.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), () -> "host-7");
  }

  private static DescriptorException failure(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      return e;
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void parse_readsTheOriginalToolsConfigUnchanged() {
    DaemonConfig config =
        parse(
            "gitlabBase: https://git.example/api/v4\n"
                + "project: team/deployments\n"
                + "gitlabToken: "
                + TOKEN
                + "\n"
                + "subfolder: host-1\n"
                + "keys: /root/keys.txt\n"
                + "sopsBinary: /usr/bin/sops\n"
                + "listen: 0.0.0.0:17403\n"
                + "tlsCrt: /etc/stow/tls.crt\n"
                + "tlsKey: /etc/stow/tls.key\n");

    assertThat(config.gitlab().orElseThrow().apiBase()).isEqualTo("https://git.example/api/v4");
    assertThat(config.gitlab().orElseThrow().project()).isEqualTo("team/deployments");
    assertThat(config.gitlab().orElseThrow().token().reveal()).isEqualTo(TOKEN);
    assertThat(config.gitlab().orElseThrow().branch()).isEmpty();
    assertThat(config.subfolder()).isEqualTo("host-1");
    assertThat(config.keys()).contains(Path.of("/root/keys.txt"));
    assertThat(config.sopsBinary()).contains(Path.of("/usr/bin/sops"));
    assertThat(config.listen()).isEqualTo(ListenAddress.DEFAULT);
    assertThat(config.tls()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.triggerToken()).isEmpty();
    assertThat(config.toString()).doesNotContain(TOKEN).contains("<redacted>");
  }

  @Test
  void parse_appendsApiV4AndDefaultsTheSubfolderToTheHostName() {
    DaemonConfig config =
        parse(
            "gitlabBase: https://git.example.com/\nproject: 42\ngitlabToken: x\n"
                + "keys: keys.txt\npgpKeys: [a.asc, sub/b.asc]\nbranch: production\n"
                + "stateDir: state\npollInterval: 90s\nlisten: '[::1]:9000'\n"
                + "triggerToken: 0123456789abcdef0123\n");

    assertThat(config.gitlab().orElseThrow().apiBase()).isEqualTo("https://git.example.com/api/v4");
    assertThat(config.subfolder()).isEqualTo("host-7");
    assertThat(config.keys()).contains(Path.of("/etc/stow/keys.txt"));
    assertThat(config.pgpKeys())
        .containsExactly(Path.of("/etc/stow/a.asc"), Path.of("/etc/stow/sub/b.asc"));
    assertThat(config.gitlab().orElseThrow().branch()).contains("production");
    assertThat(config.stateDir()).contains(Path.of("/etc/stow/state"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.listen().host()).isEqualTo("::1");
    assertThat(config.listen().isLoopback()).isTrue();
    assertThat(config.tls()).isFalse();
    assertThat(config.triggerToken().orElseThrow().matches("0123456789abcdef0123")).isTrue();
  }

  @Test
  void parse_reportsEveryProblemWithItsPositionAndNeverTheToken() {
    DescriptorException e =
        failure(
            "gitlabBase: ftp://x\nproject: team/deploy\ngitlabTokne: "
                + TOKEN
                + "\nlisten: nowhere\ntlsCrt: c.pem\npollInterval: 1s\ntriggerToken: short\n");

    assertThat(e.problems())
        .extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains(":1:").contains("gitlabBase"))
        .anySatisfy(p -> assertThat(p).contains(":3:1").contains("did you mean 'gitlabToken'"))
        .anySatisfy(p -> assertThat(p).contains("gitlabToken: is required"))
        .anySatisfy(p -> assertThat(p).contains(":4:").contains("listen"))
        .anySatisfy(p -> assertThat(p).contains("tlsCrt and tlsKey go together"))
        .anySatisfy(p -> assertThat(p).contains("pollInterval").contains("at least 10s"))
        .anySatisfy(p -> assertThat(p).contains("triggerToken").contains("16 characters"));
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("short");
  }

  @Test
  void parse_refusesATokenWrittenAsAListWithoutQuotingIt() {
    DescriptorException e =
        failure("gitlabBase: https://g/api/v4\nproject: p\ngitlabToken: [" + TOKEN + "]\n");
    assertThat(e.getMessage()).contains("gitlabToken").doesNotContain(TOKEN);
  }

  @Test
  void parse_refusesNonYamlWithoutEchoingIt() {
    DescriptorException e = failure("gitlabToken: " + TOKEN + "\n  : [unbalanced\n");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void parse_readsAPlainGitRemoteAsTheAlternativeSource() {
    DaemonConfig config =
        parse(
            "git:\n  url: ssh://git@127.0.0.1:2222/srv/git/deploy.git\n  branch: live\n"
                + "  sshKey: deploy_key\n  knownHosts: known_hosts\n");

    assertThat(config.gitlab()).isEmpty();
    assertThat(config.git().orElseThrow().url())
        .isEqualTo("ssh://git@127.0.0.1:2222/srv/git/deploy.git");
    assertThat(config.git().orElseThrow().ssh()).isTrue();
    assertThat(config.git().orElseThrow().sshKey()).contains(Path.of("/etc/stow/deploy_key"));
    assertThat(config.git().orElseThrow().knownHosts()).contains(Path.of("/etc/stow/known_hosts"));
    assertThat(config.branch()).contains("live");
  }

  @Test
  void parse_refusesBothSourcesOrNeither_withThePosition() {
    DescriptorException both =
        failure(
            "gitlabBase: https://g/api/v4\nproject: p\ngitlabToken: t\ngit:\n  url: file:///r\n");
    assertThat(both.problems())
        .extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains(":5:3: git:").contains("one source"));

    DescriptorException neither = failure("subfolder: host-1\n");
    assertThat(neither.getMessage()).contains("a source is required");
  }

  @Test
  void parse_anSshRemoteNeedsItsDeployKeyAndPinnedHostKeys() {
    DescriptorException e = failure("git:\n  url: git@example.com:ops/deploy.git\n");
    assertThat(e.getMessage()).contains("sshKey").contains("knownHosts");
    DescriptorException typo = failure("git:\n  url: file:///r\n  sshkey: k\n");
    assertThat(typo.getMessage()).contains(":3:3").contains("did you mean 'sshKey'");
  }

  @Test
  void gitSettings_neverShowACredentialInTheUrl() {
    DaemonConfig config = parse("git:\n  url: https://deploy:S3NT1NEL@git.example.com/r.git\n");
    assertThat(config.git().orElseThrow().redactedUrl())
        .isEqualTo("https://<redacted>@git.example.com/r.git");
    assertThat(config.toString()).doesNotContain("S3NT1NEL");
  }

  @Test
  void parse_neverQuotesAValue_evenOfAKeyThatHoldsNoSecret() {
    DescriptorException e =
        failure(
            "gitlabBase: https://g/api/v4\nproject: p\ngitlabToken: t\nlisten: " + TOKEN + "\n");
    assertThat(e.getMessage()).doesNotContain(TOKEN).contains(":4:").contains("listen");
  }

  @Test
  void parse_neverQuotesAnUnknownKey_forATokenPastedWhereAKeyBelongs() {
    DescriptorException e = failure("gitlabBase: https://g/api/v4\nproject: p\n" + TOKEN + ": x\n");
    assertThat(e.getMessage()).doesNotContain(TOKEN).contains(":3:1: unknown key '…'");
  }
}
