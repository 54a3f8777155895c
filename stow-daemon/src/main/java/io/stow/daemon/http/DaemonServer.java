package io.stow.daemon.http;

import io.stow.model.config.ListenAddress;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The HTTP(S) listener: Undertow with the daemon's bounds on threads, request size, header count
 * and timeouts, HTTP/1.1 only, TLS 1.2/1.3 when a context is given, its cipher suites in the order
 * that is fastest on this JVM ({@link CipherOrder}).
 */
public final class DaemonServer implements AutoCloseable {

  private final Undertow server;
  private final boolean tls;
  private final String host;

  public DaemonServer(
      ListenAddress listen, Optional<SSLContext> tls, HttpHandler handler, HttpLimits limits) {
    this(listen, tls, handler, limits, CipherOrder.forThisJvm());
  }

  DaemonServer(
      ListenAddress listen,
      Optional<SSLContext> tls,
      HttpHandler handler,
      HttpLimits limits,
      CipherOrder ciphers) {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(handler, "handler");
    this.tls = tls.isPresent();
    this.host = listen.host();
    int requestMillis = (int) limits.requestTimeout().toMillis();
    int idleMillis = (int) limits.idleTimeout().toMillis();
    Undertow.Builder builder =
        Undertow.builder()
            .setIoThreads(limits.ioThreads())
            .setWorkerThreads(limits.workerThreads())
            .setBufferSize(limits.bufferBytes())
            .setDirectBuffers(false)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.maxBodyBytes())
            .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
            .setServerOption(UndertowOptions.MAX_PARAMETERS, limits.maxParameters())
            .setServerOption(UndertowOptions.MAX_COOKIES, 8)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, requestMillis)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
            .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMillis)
            .setSocketOption(Options.READ_TIMEOUT, idleMillis)
            .setSocketOption(Options.WRITE_TIMEOUT, requestMillis)
            .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
            .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
            .setHandler(handler);
    if (tls.isPresent()) {
      builder.setSocketOption(
          Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(ciphers.suites(tls.get())));
      builder.addHttpsListener(listen.port(), listen.host(), tls.get());
    } else {
      builder.addHttpListener(listen.port(), listen.host());
    }
    this.server = builder.build();
  }

  /** Binds and serves. */
  public void start() {
    server.start();
  }

  /** The bound port (useful when the configuration says port 0). */
  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** {@code https://host:port} or {@code http://host:port}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "https://" : "http://") + h + ":" + port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
