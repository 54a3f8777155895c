package io.stow.model.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the daemon listens: {@code host:port}, {@code [v6]:port} or {@code :port} (all addresses).
 *
 * @param host an address or name; {@code 0.0.0.0} for every IPv4 address
 */
public record ListenAddress(String host, int port) {

  /** The original tool's default, {@code 0.0.0.0:17403}. */
  public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 17403);

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ListenAddress parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "'" + value + "' has no port; write host:port, e.g. 0.0.0.0:17403 or 127.0.0.1:17403");
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "'" + value + "': write an IPv6 address in brackets, e.g. [::1]:17403");
    }
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          "'" + value + "' has an invalid port; use a number from 0 to 65535");
    }
    return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(port));
  }

  /** Whether only this machine can connect (127.0.0.0/8, ::1, localhost). */
  public boolean isLoopback() {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
