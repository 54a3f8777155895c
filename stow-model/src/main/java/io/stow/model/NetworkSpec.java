package io.stow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A user-defined network that stow creates and labels for the deployment, or (when {@code
 * external}) one that must exist already and is only joined.
 *
 * @param name the Docker network name
 * @param driver {@code bridge} (stow.yaml's only kind), {@code macvlan} or {@code ipvlan}
 * @param options driver options ({@code com.docker.network.bridge.name=...})
 * @param ipam address pools; empty for Docker's automatic addresses
 * @param labels labels besides the ones stow sets
 */
public record NetworkSpec(
    String name,
    String driver,
    Map<String, String> options,
    List<IpamPool> ipam,
    boolean internal,
    boolean enableIpv6,
    Map<String, String> labels,
    boolean external) {

  /** The network drivers a single host can create. */
  public static final Set<String> DRIVERS = Set.of("bridge", "macvlan", "ipvlan");

  public NetworkSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    if (!DRIVERS.contains(driver)) {
      throw new IllegalArgumentException(
          "network driver '"
              + driver
              + "' is not one a single Docker host creates; use bridge, macvlan or ipvlan");
    }
    options = ordered(options);
    ipam = List.copyOf(ipam);
    labels = ordered(labels);
  }

  /** A plain bridge network, as stow.yaml declares them. */
  public NetworkSpec(String name) {
    this(name, "bridge", Map.of(), List.of(), false, false, Map.of(), false);
  }

  /** An existing network, joined but never created. */
  public static NetworkSpec external(String name) {
    return new NetworkSpec(name, "bridge", Map.of(), List.of(), false, false, Map.of(), true);
  }

  /** Whether this is a plain bridge with no settings (stow.yaml's kind). */
  public boolean plain() {
    return driver.equals("bridge")
        && options.isEmpty()
        && ipam.isEmpty()
        && !internal
        && !enableIpv6
        && labels.isEmpty()
        && !external;
  }

  /** Whether {@code address} lies in one of this network's configured subnets. */
  public boolean hasSubnetFor(String address) {
    return ipam.stream().anyMatch(pool -> pool.subnet().contains(address));
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
