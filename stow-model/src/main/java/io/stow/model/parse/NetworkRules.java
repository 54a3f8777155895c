package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.parse.Binding.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's {@code networks} and {@code networkAliases}, checked as Docker checks them when it
 * creates and connects the container: {@code host} and {@code none} stand alone, a network is
 * joined once, and aliases work on user-defined networks only (not the default bridge).
 */
final class NetworkRules {

  static final Set<String> BUILT_IN = Set.of("bridge", "host", "none");

  private NetworkRules() {}

  static void bind(Binding c, Set<String> declared, ContainerSpec.Builder spec) {
    List<String> networks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Text entry : c.trimmedList("networks")) {
      String network = entry.text();
      if (!declared.contains(network) && !BUILT_IN.contains(network)) {
        c.problemAt(
            entry.item().node(),
            entry.item().path(),
            "network '" + network + "' is not declared; add it to the top-level networks list");
      } else if (!seen.add(network)) {
        c.problemAt(
            entry.item().node(), entry.item().path(), "network '" + network + "' is listed twice");
      }
      networks.add(network);
    }
    for (String alone : List.of("host", "none")) {
      if (networks.contains(alone) && networks.size() > 1) {
        c.problem(
            "networks",
            "the " + alone + " network cannot be combined with other networks; Docker refuses it");
      }
    }
    spec.networks(networks);
    List<String> aliases = c.trimmedList("networkAliases").stream().map(Text::text).toList();
    if (!aliases.isEmpty()) {
      if (networks.isEmpty()) {
        c.problem(
            "networkAliases",
            "aliases need a user-defined network; list one under this container's networks");
      } else if (networks.stream().anyMatch(BUILT_IN::contains)) {
        c.problem(
            "networkAliases",
            "aliases work on user-defined networks only; Docker refuses them on bridge, host and"
                + " none, so list only declared networks with aliases");
      }
    }
    spec.networkAliases(aliases);
  }
}
