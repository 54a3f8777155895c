package io.stow.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A self-signed server certificate for localhost and 127.0.0.1 (or other names), made with the
 * JDK's {@code keytool}: what a GitLab with a private CA presents to a host that does not trust
 * that CA. Written as PEM, it is also the CA file a host trusts it with.
 */
final class SelfSignedCertificate {

  private static final char[] PASSWORD = "test-only".toCharArray();

  private final SSLContext context;
  private final X509Certificate certificate;

  private SelfSignedCertificate(SSLContext context, X509Certificate certificate) {
    this.context = context;
    this.certificate = certificate;
  }

  static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    return create(dir, "server", "dns:localhost,ip:127.0.0.1");
  }

  /**
   * A certificate for the subject alternative names {@code san} ({@code ip:127.0.0.1}, {@code
   * dns:gitlab.example}, comma-separated), subject {@code CN=stow test <name>}, kept in {@code
   * dir/<name>.p12}.
   */
  static SelfSignedCertificate create(Path dir, String name, String san)
      throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=stow test " + name,
                    "-ext",
                    "san=" + san,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)
        || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(output));
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return new SelfSignedCertificate(context, (X509Certificate) keys.getCertificate("server"));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the keytool key store: " + e.getMessage(), e);
    }
  }

  SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }

  /** The certificate as PEM in {@code file}, as an operator hands it to gitlabCaCert. */
  Path writePem(Path file) throws IOException {
    try {
      return Files.writeString(
          file,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(certificate.getEncoded())
              + "\n-----END CERTIFICATE-----\n",
          StandardCharsets.US_ASCII);
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
  }
}
