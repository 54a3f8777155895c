package io.stow.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stow.model.config.CaCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab client over HTTPS to a server whose certificate no CA of the Java runtime signed: it
 * is refused with what to do, accepted once the certificate's CA is given, and refused again when
 * the CA given is another one or the certificate does not name the host.
 */
class GitLabTrustTest {

  private static final String HOW = "set gitlabCaCert in /etc/stow/daemon.yaml to that CA (PEM)";

  @TempDir Path temp;

  private final GitLabServer gitlab = new GitLabServer();

  GitLabTrustTest() throws Exception {}

  @AfterEach
  void close() throws Exception {
    gitlab.close();
  }

  private GitLabClient client(Optional<Path> caFile) {
    return gitlab.builder().trust(GitLabTrust.of(caFile.map(CaCertificates::read), HOW)).build();
  }

  private GitLabException refusal(GitLabClient client) {
    GitLabException e = catchThrowableOfType(client::project, GitLabException.class);
    assertThat(e).as("the request is refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain(GitLabServer.TOKEN);
    assertThat(gitlab.time.sleeps()).as("never retried").isEmpty();
    assertThat(gitlab.server.getRequestCount()).as("nothing got through").isZero();
    return e;
  }

  @Test
  void withoutTheCa_theCertificateIsRefused_namingItAndSayingHowToTrustIt() throws Exception {
    gitlab.server.useHttps(SelfSignedCertificate.create(temp).socketFactory(), false);
    gitlab.project();

    GitLabException e = refusal(client(Optional.empty()));

    assertThat(e.getMessage())
        .startsWith(
            "GitLab GET /projects/ops%2Fdeployments failed: TLS failed: the server's certificate")
        .contains("subject \"CN=stow test server\", issued by \"CN=stow test server\"")
        .contains("is not trusted by the Java runtime's CAs")
        .endsWith("if it comes from a private CA, " + HOW)
        .as("no advice to retry: the same certificate would be refused")
        .doesNotContain("then retry");
  }

  @Test
  void withTheCa_theRequestGoesThrough() throws Exception {
    SelfSignedCertificate server = SelfSignedCertificate.create(temp);
    gitlab.server.useHttps(server.socketFactory(), false);
    gitlab.project();

    GitLabClient client = client(Optional.of(server.writePem(temp.resolve("ca.pem"))));

    assertThat(client.project().id()).isEqualTo(42);
    assertThat(gitlab.take().getHeader("PRIVATE-TOKEN")).isEqualTo(GitLabServer.TOKEN);
  }

  @Test
  void theCaIsTrustedBesideTheJavaRuntimesCas_notInsteadOfThem() throws Exception {
    SelfSignedCertificate server = SelfSignedCertificate.create(temp);
    CaCertificates ca = CaCertificates.read(server.writePem(temp.resolve("ca.pem")));
    List<X509Certificate> runtime =
        List.of(GitLabTrust.javaRuntime().trustManager().getAcceptedIssuers());

    List<X509Certificate> anchors =
        List.of(GitLabTrust.of(Optional.of(ca), HOW).trustManager().getAcceptedIssuers());

    assertThat(runtime).as("the runtime's CAs").isNotEmpty();
    assertThat(anchors).containsAll(runtime).containsAll(ca.certificates());
    assertThat(anchors).hasSize(runtime.size() + 1);
  }

  @Test
  void withAnotherCa_theCertificateIsRefused_namingTheCaFile() throws Exception {
    gitlab.server.useHttps(SelfSignedCertificate.create(temp).socketFactory(), false);
    gitlab.project();
    Path other =
        SelfSignedCertificate.create(temp, "other", "dns:localhost,ip:127.0.0.1")
            .writePem(temp.resolve("other.pem"));

    GitLabException e = refusal(client(Optional.of(other)));

    assertThat(e.getMessage())
        .contains("is not trusted by the CAs of " + other + " or the Java runtime's CAs")
        .contains("check that " + other + " holds the certificate of the CA that signed it");
  }

  @Test
  void theHostNameIsStillVerified_whenTheCaIsTrusted() throws Exception {
    SelfSignedCertificate elsewhere = SelfSignedCertificate.create(temp, "elsewhere", "dns:git.x");
    gitlab.server.useHttps(elsewhere.socketFactory(), false);
    gitlab.project();

    GitLabException e =
        refusal(client(Optional.of(elsewhere.writePem(temp.resolve("elsewhere.pem")))));

    assertThat(e.getMessage())
        .contains("TLS failed: GitLab's certificate is not valid for the host localhost")
        .contains("use a host name the certificate lists");
  }
}
