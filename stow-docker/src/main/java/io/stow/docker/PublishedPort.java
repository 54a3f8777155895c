package io.stow.docker;

import java.util.Objects;

/**
 * A host port a running container publishes.
 *
 * @param hostIp the host address, {@code ""} or {@code 0.0.0.0}/{@code ::} for every address
 */
public record PublishedPort(String container, String hostIp, int hostPort, String protocol) {

  public PublishedPort {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
  }

  /** Whether this and a port wanted on {@code ip} (empty: every address) would collide. */
  public boolean collidesWith(String ip, int port, String proto) {
    return hostPort == port
        && protocol.equals(proto)
        && (everyAddress(hostIp) || everyAddress(ip) || hostIp.equals(ip));
  }

  private static boolean everyAddress(String ip) {
    return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
  }
}
