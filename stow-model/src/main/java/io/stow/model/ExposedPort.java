package io.stow.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A container port (or range) exposed without publishing it, as {@code docker run --expose} and
 * Compose's {@code expose} read it: {@code 3000}, {@code 8000/udp}, {@code 5000-5010}.
 *
 * @param ports the port or range
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record ExposedPort(PortRange ports, String protocol) {

  private static final List<String> PROTOCOLS = List.of("tcp", "udp", "sctp");

  public ExposedPort {
    Objects.requireNonNull(ports, "ports");
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("protocol must be tcp, udp or sctp: " + protocol);
    }
    if (ports.first() == 0) {
      throw new IllegalArgumentException("port 0 cannot be exposed");
    }
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming the entry and the accepted forms
   */
  public static ExposedPort parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int slash = value.indexOf('/');
    String port = slash < 0 ? value : value.substring(0, slash);
    String protocol = slash < 0 ? "tcp" : value.substring(slash + 1).toLowerCase(Locale.ROOT);
    try {
      if (!PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("the protocol must be tcp, udp or sctp");
      }
      return new ExposedPort(PortRange.parse(port), protocol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expose '"
              + value
              + "' is invalid: "
              + e.getMessage()
              + "; write a port or range with an optional protocol, e.g. 3000 or 8000-8010/udp",
          e);
    }
  }

  @Override
  public String toString() {
    return protocol.equals("tcp") ? ports.toString() : ports + "/" + protocol;
  }
}
