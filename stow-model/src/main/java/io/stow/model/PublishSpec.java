package io.stow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code publish} entry, read as {@code docker run -p} reads it ({@code nat.ParsePortSpec}):
 * {@code 80}, {@code 8080:80}, {@code 127.0.0.1:8080:80}, {@code 127.0.0.1::80}, {@code
 * [::1]:8080:80} or {@code ::1:8080:80}, {@code 8080:80/udp} ({@code tcp}, {@code udp}, {@code
 * sctp}, any case), equal-length ranges {@code 8000-8010:8000-8010}, and a host range published to
 * one container port ({@code 8000-8010:80}, Docker picks a free host port).
 *
 * @param text the entry as written
 * @param hostIp the host address without brackets, empty for every address
 * @param hostPorts the host port or range, empty for an ephemeral port
 * @param containerPorts the container port or range
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record PublishSpec(
    String text,
    Optional<String> hostIp,
    Optional<PortRange> hostPorts,
    PortRange containerPorts,
    String protocol) {

  private static final List<String> PROTOCOLS = List.of("tcp", "udp", "sctp");

  public PublishSpec {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(hostPorts, "hostPorts");
    Objects.requireNonNull(containerPorts, "containerPorts");
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("protocol must be tcp, udp or sctp: " + protocol);
    }
    if (containerPorts.first() == 0) {
      throw new IllegalArgumentException("publish '" + text + "': container port 0 is invalid");
    }
    hostPorts.ifPresent(
        h -> {
          if (containerPorts.size() > 1 && h.size() != containerPorts.size()) {
            throw new IllegalArgumentException(
                "publish '"
                    + text
                    + "': the host range "
                    + h
                    + " and the container range "
                    + containerPorts
                    + " differ in length");
          }
        });
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException saying what is wrong and the accepted forms
   */
  public static PublishSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    String[] parts = value.split(":", -1);
    String ip;
    String host;
    String container;
    int n = parts.length;
    if (n == 1) {
      ip = "";
      host = "";
      container = parts[0];
    } else if (n == 2) {
      ip = "";
      host = parts[0];
      container = parts[1];
    } else {
      ip = String.join(":", List.of(parts).subList(0, n - 2));
      host = parts[n - 2];
      container = parts[n - 1];
    }
    String protocol = "tcp";
    int slash = container.indexOf('/');
    if (slash >= 0) {
      String given = container.substring(slash + 1).toLowerCase(Locale.ROOT);
      protocol = given.isEmpty() ? "tcp" : given;
      container = container.substring(0, slash);
    }
    try {
      if (container.isEmpty()) {
        throw new IllegalArgumentException("no container port");
      }
      if (!PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("the protocol must be tcp, udp or sctp");
      }
      Optional<String> hostIp = ip.isEmpty() ? Optional.empty() : Optional.of(address(ip));
      PortRange containerPorts = PortRange.parse(container);
      Optional<PortRange> hostPorts =
          host.isEmpty() ? Optional.empty() : Optional.of(PortRange.parse(host));
      return new PublishSpec(value, hostIp, hostPorts, containerPorts, protocol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "publish '"
              + value
              + "' is invalid: "
              + e.getMessage()
              + "; write [hostIp:][hostPort:]containerPort[/udp], e.g. \"127.0.0.1:8080:80\","
              + " \"8000-8010:8000-8010\" or \"[::1]:8080:80\"",
          e);
    }
  }

  private static String address(String ip) {
    String bare = ip;
    if (ip.startsWith("[")) {
      if (!ip.endsWith("]") || ip.length() < 3) {
        throw new IllegalArgumentException("'" + ip + "' is not an IP address");
      }
      bare = ip.substring(1, ip.length() - 1);
    }
    if (!IpAddresses.isIp(bare)) {
      throw new IllegalArgumentException(
          "'" + ip + "' is not an IP address (a host name cannot be published on)");
    }
    return bare;
  }

  /** The container ports this entry publishes, one mapping per container port. */
  public List<PortMapping> mappings() {
    List<PortMapping> result = new ArrayList<>();
    String ip = hostIp.orElse("");
    for (int i = 0; i < containerPorts.size(); i++) {
      String hostPort = "";
      if (hostPorts.isPresent()) {
        PortRange h = hostPorts.get();
        hostPort = containerPorts.size() == 1 ? h.toString() : Integer.toString(h.first() + i);
      }
      result.add(new PortMapping(ip, hostPort, containerPorts.first() + i, protocol));
    }
    return result;
  }

  @Override
  public String toString() {
    return text;
  }
}
