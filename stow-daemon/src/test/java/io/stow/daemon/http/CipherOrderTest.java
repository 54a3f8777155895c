package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.TestCertificates;
import io.stow.daemon.fakes.TestCertificates.KeyForm;
import io.stow.daemon.startup.TlsIdentity;
import io.stow.model.config.ListenAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CipherOrderTest {

  @TempDir Path dir;

  @Test
  void theUnitsFirstTierCompilerOnly_orNoAesIntrinsics_putChaCha20First() {
    assertThat(CipherOrder.aesGcmCompiled(List.of())).isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:+UseSerialGC", "-Xmx256m"))).isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:TieredStopAtLevel=1"))).isFalse();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:TieredStopAtLevel=3"))).isFalse();
    assertThat(
            CipherOrder.aesGcmCompiled(
                List.of("-XX:TieredStopAtLevel=1", "-XX:-TieredCompilation")))
        .as("C2 alone")
        .isTrue();
    assertThat(
            CipherOrder.aesGcmCompiled(
                List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")))
        .as("the last one wins")
        .isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-Xint"))).isFalse();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:-UseAESIntrinsics"))).isFalse();
  }

  @Test
  void chaCha20First_keepsEveryDefaultSuite_andTheRestInTheJdksOrder() throws Exception {
    SSLContext context = SSLContext.getDefault();
    List<String> defaults = CipherOrder.JDK_DEFAULT.suites(context);
    List<String> ordered = CipherOrder.CHACHA20_FIRST.suites(context);

    assertThat(ordered).containsExactlyInAnyOrderElementsOf(defaults);
    assertThat(ordered.get(0)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(ordered.stream().filter(s -> !s.contains("CHACHA20")).toList())
        .isEqualTo(defaults.stream().filter(s -> !s.contains("CHACHA20")).toList());
  }

  @Test
  void theServersOrderDecides_whatAClientPreferringAesGets() throws Exception {
    assertThat(negotiated(CipherOrder.CHACHA20_FIRST, "TLSv1.3"))
        .isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(negotiated(CipherOrder.CHACHA20_FIRST, "TLSv1.2")).contains("CHACHA20_POLY1305");
    assertThat(negotiated(CipherOrder.JDK_DEFAULT, "TLSv1.3")).startsWith("TLS_AES_");
  }

  private String negotiated(CipherOrder order, String protocol) throws Exception {
    TestCertificates certs = TestCertificates.ec();
    certs.writeCertificate(dir.resolve("tls.crt"));
    certs.writeKey(dir.resolve("tls.key"), KeyForm.TRADITIONAL);
    TlsIdentity identity = TlsIdentity.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    DaemonServer server =
        new DaemonServer(
            new ListenAddress("127.0.0.1", 0),
            Optional.of(identity.context()),
            exchange -> Responses.json(exchange, 200, "status", "ok"),
            HttpLimits.defaults(),
            order);
    server.start();
    try {
      SSLParameters parameters = new SSLParameters();
      parameters.setProtocols(new String[] {protocol});
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(certs.clientContext())
              .sslParameters(parameters)
              .build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.sslSession().orElseThrow().getCipherSuite();
    } finally {
      server.close();
    }
  }
}
