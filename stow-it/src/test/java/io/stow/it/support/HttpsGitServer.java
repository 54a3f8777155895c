package io.stow.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Git's smart HTTP protocol over HTTPS on 127.0.0.1, as GitLab serves repositories: the JDK's HTTPS
 * server presenting the certificate of a {@link TestCa}, handing each request to Debian's {@code
 * git http-backend} (CGI) for the bare repositories below one directory. Fetch only.
 */
public final class HttpsGitServer implements AutoCloseable {

  private final HttpsServer server;
  private final Path root;
  private final AtomicInteger requests = new AtomicInteger();

  private HttpsGitServer(HttpsServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** Serves the repositories below {@code root} with the server certificate of {@code tls}. */
  public static HttpsGitServer start(Path root, SSLContext tls) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      HttpsGitServer git = new HttpsGitServer(server, root);
      server.createContext("/", git::handle);
      server.start();
      return git;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code https://127.0.0.1:<port>/<name>}, the clone URL of {@code root/<name>}. */
  public String url(String name) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** How many requests got through the TLS handshake to Git. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      ProcessBuilder cgi =
          new ProcessBuilder("git", "http-backend").redirectError(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = cgi.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
      String query = exchange.getRequestURI().getRawQuery();
      env.put("QUERY_STRING", query == null ? "" : query);
      env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      header(exchange, "Content-Type").ifPresent(v -> env.put("CONTENT_TYPE", v));
      header(exchange, "Content-Encoding").ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
      header(exchange, "Git-Protocol").ifPresent(v -> env.put("GIT_PROTOCOL", v));
      Process process = cgi.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(body);
      }
      byte[] output;
      try (InputStream out = process.getInputStream()) {
        output = out.readAllBytes();
      }
      awaitExit(process);
      respond(exchange, output);
    }
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.Optional<String> header(HttpExchange exchange, String name) {
    return java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  /** Sends a CGI response: headers (with an optional {@code Status}), a blank line, the body. */
  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int skip = 4;
    if (split < 0) {
      split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
      skip = 2;
    }
    if (split < 0) {
      exchange.sendResponseHeaders(502, -1);
      return;
    }
    int status = 200;
    String head = new String(output, 0, split, StandardCharsets.US_ASCII);
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(output, split + skip, output.length - split - skip);
    exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
    if (body.size() > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
