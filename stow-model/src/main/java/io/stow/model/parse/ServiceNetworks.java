package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.NetworkEndpoint;
import io.stow.model.NetworkSpec;
import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code networks} (a list of names, or a mapping with {@code aliases}, {@code
 * ipv4_address} and {@code ipv6_address} per network) or {@code network_mode} ({@code host}, {@code
 * none}, {@code bridge}, {@code service:<name>}, {@code container:<name>}). A service that names
 * neither joins the project's default network, as in Compose; on every network it joins, the
 * service's name is an alias, so the other services reach it by that name.
 */
final class ServiceNetworks {

  private static final Set<String> ENDPOINT_KEYS =
      Set.of("aliases", "ipv4_address", "ipv6_address");
  private static final Set<String> MODES = Set.of("host", "none", "bridge");

  private ServiceNetworks() {}

  /** Binds the service's networks; returns whether it uses the host's network namespace. */
  static boolean bind(
      Binding s, ComposeProject project, String service, ContainerSpec.Builder spec) {
    Optional<String> mode = ContainerBinder.trimmed(s, "network_mode");
    if (mode.isPresent()) {
      if (s.has("networks")) {
        s.problem("network_mode", "and networks cannot both be set; Compose refuses it too");
      }
      return mode(s, project, mode.get(), spec);
    }
    List<String> networks = new ArrayList<>();
    Optional<YamlNode> node = s.node("networks");
    if (node.isEmpty() || Binding.isNull(node.get())) {
      NetworkSpec network = project.defaultNetwork();
      project.usedNetworks.add(ComposeProject.DEFAULT_NETWORK);
      networks.add(network.name());
      spec.endpoint(
          network.name(),
          new NetworkEndpoint(List.of(service), Optional.empty(), Optional.empty()));
    } else if (node.get() instanceof SeqNode) {
      for (Text entry : s.trimmedList("networks")) {
        join(
            s,
            project,
            service,
            entry.text(),
            entry.item().node(),
            entry.item().path(),
            Optional.empty(),
            networks,
            spec);
      }
    } else if (node.get() instanceof MapNode map) {
      for (Entry entry : map.entries().values()) {
        String path = s.child("networks") + "." + entry.key();
        Optional<Binding> settings =
            Binding.isNull(entry.value())
                ? Optional.empty()
                : Binding.of(s.findings(), entry.value(), path, ENDPOINT_KEYS, Unknown.COMPOSE);
        join(s, project, service, entry.key(), entry.value(), path, settings, networks, spec);
      }
    } else {
      s.problem("networks", "must be a list of network names or a mapping of names to settings");
    }
    spec.networks(networks);
    return false;
  }

  private static boolean mode(
      Binding s, ComposeProject project, String mode, ContainerSpec.Builder spec) {
    if (MODES.contains(mode)) {
      spec.networks(List.of(mode));
      return mode.equals("host");
    }
    if (mode.startsWith("service:")) {
      String other = mode.substring("service:".length());
      if (!project.declared.contains(other)) {
        s.problem("network_mode", "service '" + other + "' is not declared in this file");
      } else if (!project.activeServices.contains(other)) {
        s.problem("network_mode", "service '" + other + "' does not run with the active profiles");
      } else {
        spec.networkMode(ContainerSpec.CONTAINER_MODE + project.containerOf(other));
      }
      return false;
    }
    if (mode.startsWith(ContainerSpec.CONTAINER_MODE)
        && mode.length() > ContainerSpec.CONTAINER_MODE.length()) {
      spec.networkMode(mode);
      return false;
    }
    s.problem(
        "network_mode",
        "'"
            + mode
            + "' is not a network mode stow supports; use host, none, bridge, service:<name>"
            + " or container:<name>");
    return false;
  }

  private static void join(
      Binding s,
      ComposeProject project,
      String service,
      String key,
      YamlNode node,
      String path,
      Optional<Binding> settings,
      List<String> networks,
      ContainerSpec.Builder spec) {
    NetworkSpec network =
        key.equals(ComposeProject.DEFAULT_NETWORK)
            ? project.defaultNetwork()
            : project.networks.get(key);
    if (network == null) {
      s.problemAt(
          node, path, "network '" + key + "' is not declared; add it under the top-level networks");
      return;
    }
    if (networks.contains(network.name())) {
      s.problemAt(node, path, "network '" + key + "' is listed twice");
      return;
    }
    project.usedNetworks.add(key);
    networks.add(network.name());
    List<String> aliases = new ArrayList<>(List.of(service));
    Optional<String> ipv4 = Optional.empty();
    Optional<String> ipv6 = Optional.empty();
    if (settings.isPresent()) {
      Binding e = settings.get();
      for (Item alias : e.list("aliases")) {
        e.scalarText(alias.node(), alias.path())
            .map(String::strip)
            .filter(a -> !a.isEmpty() && !aliases.contains(a))
            .ifPresent(aliases::add);
      }
      ipv4 = address(e, "ipv4_address", network, true);
      ipv6 = address(e, "ipv6_address", network, false);
    }
    try {
      spec.endpoint(network.name(), new NetworkEndpoint(aliases, ipv4, ipv6));
    } catch (IllegalArgumentException ex) {
      s.problemAt(node, path, ex.getMessage());
    }
  }

  /** A fixed address: Docker gives one only on a network with a subnet that holds it. */
  private static Optional<String> address(Binding e, String key, NetworkSpec network, boolean v4) {
    Optional<String> address = ContainerBinder.trimmed(e, key);
    if (address.isEmpty()) {
      return address;
    }
    String ip = address.get();
    if (v4 ? !io.stow.model.IpAddresses.isIpv4(ip) : !io.stow.model.IpAddresses.isIpv6(ip)) {
      e.problem(key, "'" + ip + "' is not an IPv" + (v4 ? "4" : "6") + " address");
      return Optional.empty();
    }
    if (network.external()) {
      return address; // its subnets are Docker's business: the create request says if it fits
    }
    if (!network.hasSubnetFor(ip)) {
      e.problem(
          key,
          "'"
              + ip
              + "' is not in a subnet of network "
              + network.name()
              + "; Docker assigns fixed addresses only from a subnet declared under the network's"
              + " ipam.config");
      return Optional.empty();
    }
    return address;
  }
}
