package io.stow.cli.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --cacert} file adds its CAs to the Java runtime's, as {@code gitlabCaCert} does for
 * GitLab: a daemon whose certificate a public CA signed stays trusted when the file names a private
 * one.
 */
class CertificateTrustTest {

  @TempDir Path temp;

  @Test
  void caFile_addsItsCasToTheJavaRuntimes_ratherThanReplacingThem() throws IOException {
    TestCa ca = new TestCa();
    Path file = ca.writeCaPem(temp.resolve("ca.pem"));
    List<X509Certificate> runtime =
        List.of(CertificateTrust.system().trustManager().getAcceptedIssuers());

    List<X509Certificate> anchors =
        List.of(CertificateTrust.caFile(file, "--cacert").trustManager().getAcceptedIssuers());

    assertThat(runtime).as("the runtime's CAs").isNotEmpty();
    assertThat(anchors).containsAll(runtime).hasSize(runtime.size() + 1);
    assertThat(anchors)
        .anySatisfy(
            c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo(TestCa.CA_SUBJECT));
  }

  @Test
  void advice_namesTheCaFile_orHowToPassOne() throws IOException {
    Path file = new TestCa().writeCaPem(temp.resolve("ca.pem"));

    assertThat(CertificateTrust.caFile(file, "--cacert").advice())
        .startsWith("check that " + file + " holds the certificate of the CA");
    assertThat(CertificateTrust.system().advice())
        .contains("with --cacert FILE or STOW_CACERT=FILE");
  }
}
