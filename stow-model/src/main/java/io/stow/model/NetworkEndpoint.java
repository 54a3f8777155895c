package io.stow.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container joins one network beyond its name: aliases other containers resolve it by on that
 * network, and fixed addresses (the network must have a subnet that holds them).
 */
public record NetworkEndpoint(
    List<String> aliases, Optional<String> ipv4Address, Optional<String> ipv6Address) {

  /** No aliases, addresses from the network's pool. */
  public static final NetworkEndpoint DEFAULT =
      new NetworkEndpoint(List.of(), Optional.empty(), Optional.empty());

  public NetworkEndpoint {
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(ipv4Address, "ipv4Address");
    Objects.requireNonNull(ipv6Address, "ipv6Address");
    ipv4Address
        .filter(a -> !IpAddresses.isIpv4(a))
        .ifPresent(
            a -> {
              throw new IllegalArgumentException("'" + a + "' is not an IPv4 address");
            });
    ipv6Address
        .filter(a -> !IpAddresses.isIpv6(a))
        .ifPresent(
            a -> {
              throw new IllegalArgumentException("'" + a + "' is not an IPv6 address");
            });
  }
}
