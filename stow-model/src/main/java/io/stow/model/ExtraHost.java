package io.stow.model;

import java.util.Objects;

/**
 * An {@code extraHosts} entry, read as {@code docker run --add-host} reads it: {@code host:ip} or
 * {@code host=ip}, the address IPv4 or IPv6 (optionally in brackets) or Docker's {@code
 * host-gateway}.
 *
 * @param host the name to add to {@code /etc/hosts}
 * @param address the address without brackets, or {@code host-gateway}
 */
public record ExtraHost(String host, String address) {

  /** Docker's special address for the host, resolved by the daemon. */
  public static final String HOST_GATEWAY = "host-gateway";

  public ExtraHost {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    if (host.isEmpty() || host.contains(":") || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + host + "' is not a host name");
    }
    if (!address.equals(HOST_GATEWAY) && !IpAddresses.isIp(address)) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an IP address (or host-gateway)");
    }
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming the entry and the accepted forms
   */
  public static ExtraHost parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int eq = value.indexOf('=');
    int at = eq >= 0 ? eq : value.indexOf(':');
    try {
      if (at <= 0) {
        throw new IllegalArgumentException("no host name before ':' or '='");
      }
      String address = value.substring(at + 1);
      if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
        address = address.substring(1, address.length() - 1);
      }
      return new ExtraHost(value.substring(0, at), address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "extraHosts '"
              + value
              + "' is invalid: "
              + e.getMessage()
              + "; write host:ip or host=ip, e.g. db.local:10.0.0.5 or gw=host-gateway",
          e);
    }
  }

  /** {@code host:address}, the form Docker's API takes. */
  @Override
  public String toString() {
    return host + ":" + address;
  }
}
