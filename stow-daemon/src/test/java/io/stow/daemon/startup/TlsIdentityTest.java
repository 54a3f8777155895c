package io.stow.daemon.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.daemon.fakes.TestCertificates;
import io.stow.daemon.fakes.TestCertificates.KeyForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsIdentityTest {

  @TempDir Path dir;

  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("RSA", KeyForm.TRADITIONAL, "BEGIN RSA PRIVATE KEY"),
        Arguments.of("RSA", KeyForm.PKCS8, "BEGIN PRIVATE KEY"),
        Arguments.of("EC", KeyForm.TRADITIONAL, "BEGIN EC PRIVATE KEY"),
        Arguments.of("EC", KeyForm.PKCS8, "BEGIN PRIVATE KEY"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("forms")
  void load_acceptsRsaAndEcKeys_inPkcs1Sec1AndPkcs8(String algorithm, KeyForm form, String header)
      throws Exception {
    TestCertificates certs =
        algorithm.equals("RSA") ? TestCertificates.rsa() : TestCertificates.ec();
    certs.writeCertificate(dir.resolve("tls.crt"));
    certs.writeKey(dir.resolve("tls.key"), form);
    assertThat(Files.readString(dir.resolve("tls.key"))).contains(header);

    TlsIdentity identity = TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));

    assertThat(identity.leaf()).isEqualTo(certs.certificate());
    assertThat(identity.context().getProtocol()).isEqualTo("TLS");
  }

  @Test
  void anEcKey_loads_alsoWhenBouncyCastleIsARegisteredProvider() {
    // Apache MINA sshd (the Git source's SSH) registers it; it names EC keys "ECDSA"
    boolean added = Security.addProvider(new BouncyCastleProvider()) != -1;
    try {
      TestCertificates certs = TestCertificates.ec();
      certs.writeCertificate(dir.resolve("tls.crt"));
      certs.writeKey(dir.resolve("tls.key"), KeyForm.TRADITIONAL);

      TlsIdentity identity = TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));

      assertThat(identity.leaf()).isEqualTo(certs.certificate());
    } finally {
      if (added) {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
      }
    }
  }

  @Test
  void anEd25519Key_isRefused_namingItsAlgorithm() throws Exception {
    TestCertificates certs = TestCertificates.rsa();
    certs.writeCertificate(dir.resolve("tls.crt"));
    byte[] pkcs8 =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
    Files.writeString(
        dir.resolve("tls.key"),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key")))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("tlsKey")
        .hasMessageContaining("the key is Ed25519; use an RSA or EC key");
  }

  @Test
  void aKeyOfAnotherCertificate_isRefused_namingBothFiles() {
    TestCertificates one = TestCertificates.rsa();
    TestCertificates other = TestCertificates.rsa();
    one.writeCertificate(dir.resolve("tls.crt"));
    other.writeKey(dir.resolve("tls.key"), KeyForm.PKCS8);

    assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key")))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("is not the key of the first certificate")
        .hasMessageContaining("tls.crt")
        .hasMessageContaining("tls.key");
  }

  @Test
  void aFileWithoutACertificate_orWithoutAKey_isRefused_withoutQuotingIt() throws Exception {
    TestCertificates certs = TestCertificates.ec();
    certs.writeCertificate(dir.resolve("tls.crt"));
    certs.writeKey(dir.resolve("tls.key"), KeyForm.PKCS8);
    Files.writeString(dir.resolve("garbage"), "not a pem SECRET-VALUE\n");

    assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("garbage"), dir.resolve("tls.key")))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("tlsCrt")
        .hasMessageContaining("no certificate")
        .hasMessageNotContaining("SECRET-VALUE");
    assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.crt")))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("tlsKey")
        .hasMessageContaining("no private key");
  }

  @Test
  void anEncryptedKey_isRefused_withTheCommandThatDecryptsIt() throws Exception {
    TestCertificates certs = TestCertificates.rsa();
    certs.writeCertificate(dir.resolve("tls.crt"));
    Files.writeString(
        dir.resolve("tls.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIwZ8fPq0uWfECAggA\n"
            + "MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBD5B0J3VfK7r7xg2x8s1Z4BBIIB\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key")))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("tlsKey");
  }
}
