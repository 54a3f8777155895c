package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stow.daemon.fakes.TestCertificates;
import io.stow.daemon.fakes.TestCertificates.KeyForm;
import io.stow.daemon.startup.TlsIdentity;
import io.stow.model.config.ListenAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerTest {

  @TempDir Path dir;

  private final TestCertificates certs = TestCertificates.ec();

  /** A started HTTPS server with a PEM identity, answering every request with a small JSON. */
  private DaemonServer server(CipherOrder ciphers) throws Exception {
    certs.writeCertificate(dir.resolve("tls.crt"));
    certs.writeKey(dir.resolve("tls.key"), KeyForm.TRADITIONAL);
    TlsIdentity identity = TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    DaemonServer server =
        new DaemonServer(
            new ListenAddress("127.0.0.1", 0),
            Optional.of(identity.context()),
            exchange -> Responses.json(exchange, 200, "status", "ok"),
            HttpLimits.defaults(),
            ciphers);
    server.start();
    return server;
  }

  @Test
  void theServer_speaksTls12And13WithThePemIdentity_andNotPlainHttp() throws Exception {
    DaemonServer server = server(CipherOrder.forThisJvm());
    try {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
        HttpResponse<String> response = get(server, protocol);
        assertThat(response.statusCode()).as(protocol).isEqualTo(200);
        assertThat(response.sslSession())
            .hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo(protocol));
      }
      Throwable plain =
          catchThrowable(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(server.url().replace("https:", "http:") + "/"))
                              .timeout(Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()));
      assertThat(plain).isNotNull();
    } finally {
      server.close();
    }
  }

  @Test
  void theServersCipherOrderDecides_whatAClientPreferringAesGets() throws Exception {
    assertThat(negotiated(CipherOrder.CHACHA20_FIRST, "TLSv1.3"))
        .isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(negotiated(CipherOrder.CHACHA20_FIRST, "TLSv1.2")).contains("CHACHA20_POLY1305");
    assertThat(negotiated(CipherOrder.JDK_DEFAULT, "TLSv1.3")).startsWith("TLS_AES_");
  }

  private String negotiated(CipherOrder order, String protocol) throws Exception {
    DaemonServer server = server(order);
    try {
      HttpResponse<String> response = get(server, protocol);
      assertThat(response.statusCode()).isEqualTo(200);
      return response.sslSession().orElseThrow().getCipherSuite();
    } finally {
      server.close();
    }
  }

  /** {@code GET /} from a client that trusts the test CA and speaks {@code protocol} only. */
  private HttpResponse<String> get(DaemonServer server, String protocol) throws Exception {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {protocol});
    HttpClient client =
        HttpClient.newBuilder().sslContext(certs.clientContext()).sslParameters(parameters).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
