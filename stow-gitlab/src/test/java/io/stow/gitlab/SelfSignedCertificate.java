package io.stow.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A self-signed server certificate for 127.0.0.1, made with the JDK's {@code keytool}: what a
 * GitLab with a private CA presents to a host that does not trust that CA.
 */
final class SelfSignedCertificate {

  private static final char[] PASSWORD = "test-only".toCharArray();

  private final SSLContext context;

  private SelfSignedCertificate(SSLContext context) {
    this.context = context;
  }

  static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("server.p12");
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
                    "CN=127.0.0.1",
                    "-ext",
                    "san=ip:127.0.0.1",
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
      return new SelfSignedCertificate(context);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the keytool key store: " + e.getMessage(), e);
    }
  }

  SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }
}
