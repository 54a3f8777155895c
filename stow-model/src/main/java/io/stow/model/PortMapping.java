package io.stow.model;

import java.util.Objects;

/**
 * One container port published on the host, as Docker's API takes it.
 *
 * @param hostIp the host address, {@code ""} for every address
 * @param hostPort the host port or range ({@code "8000-8010"}: Docker picks a free one), {@code ""}
 *     for an ephemeral port
 * @param containerPort the container port, 1-65535
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record PortMapping(String hostIp, String hostPort, int containerPort, String protocol) {

  public PortMapping {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(hostPort, "hostPort");
    Objects.requireNonNull(protocol, "protocol");
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("container port " + containerPort + " is out of range");
    }
  }
}
