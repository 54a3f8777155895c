package io.stow.it.dist;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A process that TarballDistributionIT starts on the jlink runtime of the tarball: Undertow serving
 * HTTPS with an EC certificate, answering {@code POST /trigger} with 202 and {@code GET /status}
 * with {@code running}, so that the tarball's own stow can trigger and wait against it. It proves
 * that the runtime's modules carry Undertow, XNIO and server-side TLS. Prints {@code port N} once
 * listening; stops when its standard input closes.
 *
 * <p>Arguments: the PKCS#12 key store and its password.
 */
public final class UndertowTlsProbe {

  private UndertowTlsProbe() {}

  public static void main(String[] args) throws Exception {
    char[] password = args[1].toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    Undertow server =
        Undertow.builder()
            .setIoThreads(1)
            .setWorkerThreads(2)
            .addHttpsListener(0, "127.0.0.1", tls)
            .setHandler(
                exchange -> {
                  exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                  if (exchange.getRequestPath().equals("/trigger")) {
                    exchange.setStatusCode(202);
                    exchange.getResponseSender().send("{}");
                  } else if (exchange.getRequestPath().equals("/status")) {
                    exchange
                        .getResponseSender()
                        .send("{\"state\":\"running\",\"status_label\":\"at-requested-head\"}");
                  } else {
                    exchange.setStatusCode(404);
                    exchange.getResponseSender().send("{\"error\":\"not found\"}");
                  }
                })
            .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    System.out.println("port " + port);
    System.out.flush();
    System.in.readAllBytes();
    server.stop();
  }
}
