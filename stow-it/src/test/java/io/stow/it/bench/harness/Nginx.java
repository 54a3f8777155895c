package io.stow.it.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving a directory of static files over TLS 1.2/1.3 on loopback, as a baseline for the
 * daemon's answers: {@code worker_processes auto}, keep-alive without a request limit, no access
 * log, {@code Cache-Control: no-store} as the daemon sends.
 */
public final class Nginx implements AutoCloseable {

  private final Process process;
  private final int port;

  private Nginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Serves {@code www} with {@code dir/tls.crt} and {@code dir/tls.key}; waits until it listens.
   */
  public static Nginx start(Path dir, Path www) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "daemon off;",
            "worker_processes auto;",
            "user root;",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("nginx-error.log") + ";",
            "events { worker_connections 1024; }",
            "http {",
            "  access_log off;",
            "  keepalive_requests 1000000;",
            "  types { image/svg+xml svg; application/json json; }",
            "  server {",
            "    listen 127.0.0.1:" + port + " ssl;",
            "    ssl_certificate " + dir.resolve("tls.crt") + ";",
            "    ssl_certificate_key " + dir.resolve("tls.key") + ";",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            "    add_header Cache-Control no-store;",
            "    location / { root " + www + "; }",
            "  }",
            "}",
            ""));
    Process process =
        new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    Nginx nginx = new Nginx(process, port);
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return nginx;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "nginx exited: " + Files.readString(dir.resolve("nginx.out")));
        }
        Thread.sleep(100);
      }
    }
    nginx.close();
    throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
  }

  public String url() {
    return "https://127.0.0.1:" + port;
  }

  /** Stops nginx (SIGTERM: a fast shutdown of the master and its workers). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
