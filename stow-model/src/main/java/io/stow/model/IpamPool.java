package io.stow.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One address pool of a network's IPAM configuration: the subnet, and optionally the gateway and
 * the range containers get addresses from, both inside the subnet.
 */
public record IpamPool(Subnet subnet, Optional<String> gateway, Optional<Subnet> ipRange) {

  public IpamPool {
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ipRange, "ipRange");
    gateway
        .filter(g -> !subnet.contains(g))
        .ifPresent(
            g -> {
              throw new IllegalArgumentException(
                  "the gateway " + g + " is not in the subnet " + subnet);
            });
    ipRange
        .filter(r -> r.prefix() < subnet.prefix() || !subnet.contains(r.address()))
        .ifPresent(
            r -> {
              throw new IllegalArgumentException(
                  "the ip_range " + r + " is not inside the subnet " + subnet);
            });
  }
}
