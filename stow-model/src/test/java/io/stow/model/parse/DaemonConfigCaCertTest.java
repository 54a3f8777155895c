package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.config.DaemonConfig;
import io.stow.model.config.TestCaPem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigCaCertTest {

  private static final String TOKEN = "glpat-S3NT1NEL-ca-cert-token";
  private static final String GITLAB =
      "gitlabBase: https://git.example/api/v4\nproject: team/deployments\ngitlabToken: "
          + TOKEN
          + "\n";

  @TempDir Path etc;

  private DaemonConfig parse(String yaml) {
    return DaemonConfigParser.parse(
        etc.resolve("daemon.yaml"), yaml.getBytes(StandardCharsets.UTF_8), () -> "host");
  }

  private DescriptorException failure(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      assertThat(e.getMessage()).doesNotContain(TOKEN);
      return e;
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  private Problem only(String yaml) {
    List<Problem> problems = failure(yaml).problems();
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void gitlabCaCert_isUnsetByDefault() {
    assertThat(parse(GITLAB).gitlabCaCert()).isEmpty();
  }

  @Test
  void gitlabCaCert_resolvesARelativePathAgainstTheConfigurationsDirectory() throws Exception {
    Files.createDirectories(etc.resolve("certs"));
    Files.writeString(etc.resolve("certs/gitlab-ca.pem"), TestCaPem.ONE + TestCaPem.TWO);

    DaemonConfig config = parse(GITLAB + "gitlabCaCert: certs/gitlab-ca.pem\n");

    assertThat(config.gitlabCaCert().orElseThrow().file())
        .isEqualTo(etc.resolve("certs/gitlab-ca.pem"));
    assertThat(config.gitlabCaCert().orElseThrow().certificates()).hasSize(2);
  }

  @Test
  void gitlabCaCert_takesAnAbsolutePath() throws Exception {
    Path file = Files.writeString(etc.resolve("ca.pem"), TestCaPem.ONE);

    DaemonConfig config = parse(GITLAB + "gitlabCaCert: " + file + "\n");

    assertThat(config.gitlabCaCert().orElseThrow().subjects())
        .containsExactly("CN=stow test CA one");
  }

  @Test
  void gitlabCaCert_aMissingFile_isAProblemAtItsLine_sayingWhatToDo() {
    Problem problem = only(GITLAB + "subfolder: host-1\ngitlabCaCert: certs/nope.pem\n");

    assertThat(problem.file()).isEqualTo(etc.resolve("daemon.yaml").toString());
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.yamlPath()).isEqualTo("gitlabCaCert");
    assertThat(problem.message())
        .contains("no such file")
        .contains("must name a PEM file with the certificate of the CA that signed GitLab's")
        .contains("relative path is resolved against this file's directory");
  }

  @Test
  void gitlabCaCert_aFileWithoutACertificate_isAProblem() throws Exception {
    Files.writeString(etc.resolve("empty.pem"), "# nothing yet\n");

    Problem problem = only(GITLAB + "gitlabCaCert: empty.pem\n");

    assertThat(problem.line()).isEqualTo(4);
    assertThat(problem.message()).contains("holds no certificate");
  }

  @Test
  void gitlabCaCert_malformedPem_isAProblemNamingTheCertificate() throws Exception {
    Files.writeString(
        etc.resolve("broken.pem"), TestCaPem.ONE + TestCaPem.TWO.replace("MIIBYDCC", "MIIB%DCC"));

    Problem problem = only(GITLAB + "gitlabCaCert: broken.pem\n");

    assertThat(problem.toString())
        .contains("daemon.yaml:4:")
        .contains("gitlabCaCert: the CA file it names is unusable: certificate 2 (line 11) is not")
        .contains("damaged");
  }

  @Test
  void gitlabCaCert_aPrivateKeyGivenByMistake_isAProblem_thatNeverQuotesTheKey() throws Exception {
    String key = "MC4CAQAwBQYDK2VwBCIEIPRIVATEKEYSENTINEL";
    Files.writeString(
        etc.resolve("tls.key"),
        "-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----\n");

    Problem problem = only(GITLAB + "gitlabCaCert: tls.key\n");

    assertThat(problem.message()).contains("private key").doesNotContain(key);
  }

  @Test
  void gitlabCaCert_isReportedWithTheOtherProblems() {
    List<Problem> problems =
        failure(GITLAB + "pollInterval: 1s\ngitlabCaCert: missing.pem\n").problems();

    assertThat(problems)
        .extracting(Problem::yamlPath)
        .containsExactlyInAnyOrder("pollInterval", "gitlabCaCert");
  }

  @Test
  void gitlabCaCert_withPlainHttpGitLab_isAProblem() throws Exception {
    Files.writeString(etc.resolve("ca.pem"), TestCaPem.ONE);

    Problem problem =
        only(
            "gitlabBase: http://git.example\nproject: p/q\ngitlabToken: t\ngitlabCaCert: ca.pem\n");

    assertThat(problem.message()).contains("gitlabBase does not use HTTPS");
  }

  @Test
  void gitlabCaCert_appliesToAnHttpsGitRemote_andIsAProblemForAnSshOne() throws Exception {
    Files.writeString(etc.resolve("ca.pem"), TestCaPem.ONE);

    DaemonConfig https =
        parse("git:\n  url: https://git.example/ops/deploy.git\ngitlabCaCert: ca.pem\n");
    assertThat(https.gitlabCaCert()).isPresent();

    Problem ssh =
        only(
            "git:\n  url: ssh://git@git.example/ops/deploy.git\n  sshKey: k\n  knownHosts: h\n"
                + "gitlabCaCert: ca.pem\n");
    assertThat(ssh.yamlPath()).isEqualTo("gitlabCaCert");
    assertThat(ssh.message()).contains("not reached over HTTPS").contains("git.knownHosts");
  }

  @Test
  void gitlabCaCert_aTypoIsNamed() {
    Problem problem = only(GITLAB + "gitlabCACert: ca.pem\n");

    assertThat(problem.message()).contains("did you mean 'gitlabCaCert'?");
  }
}
