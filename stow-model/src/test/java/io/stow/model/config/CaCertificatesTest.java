package io.stow.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCertificatesTest {

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("ca.pem"), text, StandardCharsets.US_ASCII);
  }

  private String refusal(String text) throws Exception {
    Path file = write(text);
    return catchThrowableOfType(() -> CaCertificates.read(file), CaFileException.class)
        .getMessage();
  }

  @Test
  void read_takesEveryCertificateOfABundle_andIgnoresTheTextBetween() throws Exception {
    Path file =
        write(
            "# corporate root\nsubject=CN = stow test CA one\n"
                + TestCaPem.ONE
                + "\r\n# and the old one\n"
                + TestCaPem.TWO.replace("\n", "\r\n"));

    CaCertificates cas = CaCertificates.read(file);

    assertThat(cas.file()).isEqualTo(file);
    assertThat(cas.subjects()).containsExactly("CN=stow test CA one", "CN=stow test CA two");
    assertThat(cas.toString()).contains(file.toString()).contains("certificates=2");
  }

  @Test
  void read_refusesAMissingFileAndADirectory() {
    assertThat(
            catchThrowableOfType(
                () -> CaCertificates.read(dir.resolve("nope.pem")), CaFileException.class))
        .hasMessage("no such file");
    assertThat(catchThrowableOfType(() -> CaCertificates.read(dir), CaFileException.class))
        .hasMessageContaining("a directory");
  }

  @Test
  void read_refusesAFileWithoutACertificate() throws Exception {
    assertThat(refusal("")).contains("holds no certificate").contains("BEGIN CERTIFICATE");
    assertThat(refusal("just some notes\n")).contains("holds no certificate");
  }

  @Test
  void read_refusesAPrivateKey_withoutQuotingIt() throws Exception {
    String body = "MC4CAQAwBQYDK2VwBCIEIKEYSENTINELKEYSENTINELKEYSENTINEL0000000";
    String message =
        refusal(
            TestCaPem.ONE
                + "-----BEGIN PRIVATE KEY-----\n"
                + body
                + "\n-----END PRIVATE KEY-----\n");

    assertThat(message).contains("private key (line 11)").contains("never a key");
    assertThat(message).doesNotContain(body).doesNotContain("SENTINEL");
  }

  @Test
  void read_refusesOtherBlocks_namingTheirKind() throws Exception {
    assertThat(refusal("-----BEGIN TRUSTED CERTIFICATE-----\nAAAA\n"))
        .contains("line 1")
        .contains("openssl x509 -in FILE -out FILE.pem");
    assertThat(refusal("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"))
        .contains("X509 CRL block")
        .contains("CA certificates only");
  }

  @Test
  void read_refusesMalformedPem_namingTheCertificateAndItsLine() throws Exception {
    String lines = TestCaPem.ONE;
    String damaged = lines.replace("c3RvdyB0ZXN0", "c3R*dyB0ZXN0");
    assertThat(refusal(TestCaPem.TWO + damaged))
        .isEqualTo("certificate 2 (line 11) is not valid Base64; the PEM text is damaged");

    String notDer =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getEncoder().encodeToString("not a certificate".getBytes())
            + "\n-----END CERTIFICATE-----\n";
    assertThat(refusal(notDer)).contains("certificate 1 (line 1) is not a valid X.509 certificate");

    String cut = TestCaPem.ONE.replace("-----END CERTIFICATE-----\n", "");
    assertThat(refusal(cut)).contains("certificate 1 (line 1) has no -----END CERTIFICATE-----");
    assertThat(refusal(cut + TestCaPem.TWO)).contains("has no -----END CERTIFICATE----- line");
  }

  @Test
  void read_refusesADerCertificate_sayingHowToConvertIt() throws Exception {
    String base64 =
        TestCaPem.ONE
            .replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replace("\n", "");
    Path file = Files.write(dir.resolve("ca.der"), Base64.getDecoder().decode(base64));

    assertThat(catchThrowableOfType(() -> CaCertificates.read(file), CaFileException.class))
        .hasMessageContaining("binary (DER)")
        .hasMessageContaining("openssl x509 -inform der");
  }

  @Test
  void read_refusesAFileLargerThanAnyBundle() throws Exception {
    Path file = Files.write(dir.resolve("big.pem"), new byte[CaCertificates.MAX_BYTES + 1]);

    assertThat(catchThrowableOfType(() -> CaCertificates.read(file), CaFileException.class))
        .hasMessageContaining("larger than 4 MiB");
  }
}
