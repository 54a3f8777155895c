package io.stow.docker;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code publish} entries the way {@code docker run -p} does: {@code 80}, {@code 8080:80},
 * {@code 127.0.0.1:8080:80}, {@code 127.0.0.1::80}, {@code [::1]:8080:80}, {@code 8080:80/udp}, and
 * equal-length ranges such as {@code 8000-8001:9000-9001}.
 */
final class PortPublishing {

  /** One container port and where it is published on the host. */
  record Mapping(String hostIp, String hostPort, int containerPort, String protocol) {}

  private final Set<ExposedPort> exposed = new LinkedHashSet<>();
  private final Ports bindings = new Ports();

  private PortPublishing() {}

  /** Parses every entry; the first malformed one fails with a message naming it. */
  static PortPublishing parse(List<String> publish) {
    PortPublishing result = new PortPublishing();
    for (String entry : publish) {
      for (Mapping m : mappings(entry)) {
        ExposedPort port = new ExposedPort(m.containerPort(), InternetProtocol.parse(m.protocol()));
        result.exposed.add(port);
        result.bindings.bind(port, new Ports.Binding(m.hostIp(), m.hostPort()));
      }
    }
    return result;
  }

  List<ExposedPort> exposedPorts() {
    return List.copyOf(exposed);
  }

  Ports bindings() {
    return bindings;
  }

  /** The container ports one entry publishes; a range yields one mapping per port. */
  static List<Mapping> mappings(String entry) {
    String value = entry.strip();
    String protocol = "tcp";
    int slash = value.lastIndexOf('/');
    if (slash >= 0) {
      protocol = value.substring(slash + 1).toLowerCase(Locale.ROOT);
      value = value.substring(0, slash);
      if (!Set.of("tcp", "udp", "sctp").contains(protocol)) {
        throw invalid(entry, "the protocol must be tcp, udp or sctp");
      }
    }
    String hostIp = null;
    if (value.startsWith("[")) {
      int close = value.indexOf("]:");
      if (close < 0) {
        throw invalid(entry, "an IPv6 host address is written [addr]:hostPort:containerPort");
      }
      hostIp = value.substring(1, close);
      value = value.substring(close + 2);
    }
    String[] parts = value.split(":", -1);
    String hostPort;
    String containerPort;
    switch (parts.length) {
      case 1 -> {
        hostPort = "";
        containerPort = parts[0];
      }
      case 2 -> {
        hostPort = parts[0];
        containerPort = parts[1];
      }
      case 3 -> {
        if (hostIp != null) {
          throw invalid(entry, "too many colons");
        }
        hostIp = parts[0];
        hostPort = parts[1];
        containerPort = parts[2];
      }
      default -> throw invalid(entry, "write [hostIp:][hostPort:]containerPort[/protocol]");
    }
    return expand(entry, hostIp == null ? "" : hostIp, hostPort, containerPort, protocol);
  }

  private static List<Mapping> expand(
      String entry, String hostIp, String hostPort, String containerPort, String protocol) {
    int[] container = range(entry, containerPort);
    List<Mapping> result = new ArrayList<>();
    if (container[0] == container[1]) {
      if (!hostPort.isEmpty()) {
        range(entry, hostPort); // validates; Docker picks a free port from a host range
      }
      result.add(new Mapping(hostIp, hostPort, container[0], protocol));
      return result;
    }
    int[] host = hostPort.isEmpty() ? null : range(entry, hostPort);
    if (host != null && host[1] - host[0] != container[1] - container[0]) {
      throw invalid(entry, "the host and container port ranges differ in length");
    }
    for (int i = 0; i <= container[1] - container[0]; i++) {
      String hp = host == null ? "" : Integer.toString(host[0] + i);
      result.add(new Mapping(hostIp, hp, container[0] + i, protocol));
    }
    return result;
  }

  private static int[] range(String entry, String text) {
    int dash = text.indexOf('-');
    int low = port(entry, dash < 0 ? text : text.substring(0, dash));
    int high = dash < 0 ? low : port(entry, text.substring(dash + 1));
    if (high < low) {
      throw invalid(entry, "the port range " + text + " is reversed");
    }
    return new int[] {low, high};
  }

  private static int port(String entry, String text) {
    if (!text.matches("[0-9]{1,5}")
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > 65535) {
      throw invalid(entry, "'" + text + "' is not a port number between 1 and 65535");
    }
    return Integer.parseInt(text);
  }

  private static IllegalArgumentException invalid(String entry, String why) {
    return new IllegalArgumentException("publish '" + entry + "' is invalid: " + why);
  }
}
