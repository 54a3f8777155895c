package io.stow.it.bench.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to the Docker engine's Unix socket, for timing a bare API call
 * from Java with nothing around it: no client library, no JSON binding, the response read as bytes.
 */
public final class DockerSocket implements AutoCloseable {

  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;

  private DockerSocket(SocketChannel channel) {
    this.channel = channel;
    this.in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    this.out = Channels.newOutputStream(channel);
  }

  /**
   * Connects to {@code DOCKER_HOST} when it is a {@code unix://} address, else the default socket.
   */
  public static DockerSocket open() throws IOException {
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    if (!host.startsWith("unix://")) {
      throw new IllegalStateException(
          "DOCKER_HOST=" + host + " is not a Unix socket; the list-call baseline needs one");
    }
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(Path.of(host.substring("unix://".length()))));
    return new DockerSocket(channel);
  }

  /**
   * The query the engine's container list takes for {@code all} containers carrying {@code label}
   * ({@code key=value}), as stow's Docker adapter sends it.
   */
  public static String listQuery(String label) {
    String filters = "{\"label\":[\"" + label + "\"]}";
    return "/containers/json?all=true&filters="
        + URLEncoder.encode(filters, StandardCharsets.UTF_8);
  }

  /** {@code GET pathAndQuery}; the body, or throws on a status other than 200. */
  public byte[] get(String pathAndQuery) throws IOException {
    out.write(
        ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: stow-bench\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = line();
    long length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    byte[] body = chunked ? chunked() : in.readNBytes((int) Math.max(0, length));
    if (!status.contains(" 200 ")) {
      throw new IOException(
          "GET "
              + pathAndQuery
              + " answered "
              + status
              + ": "
              + new String(body, StandardCharsets.UTF_8));
    }
    return body;
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
      if (n == 0) {
        line(); // the empty line after the last chunk (no trailers from dockerd)
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the Docker engine closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
