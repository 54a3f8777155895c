package io.stow.model.parse;

import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the services of one Compose file are bound against: the project name, its variables and
 * active profiles, the networks, volumes and secrets it declares, and each service's container
 * name. Filled by {@link ComposeBinder} before the services are bound; records which declared
 * networks and volumes the active services use.
 */
final class ComposeProject {

  /** Compose's implicit network, joined by every service that names no network. */
  static final String DEFAULT_NETWORK = "default";

  final String name;
  final Map<String, String> variables;
  final Set<String> profiles;
  final Map<String, NetworkSpec> networks = new LinkedHashMap<>();
  final Map<String, NamedVolumeSpec> volumes = new LinkedHashMap<>();
  final Map<String, String> secrets = new LinkedHashMap<>();
  final Map<String, String> containerNames = new LinkedHashMap<>();
  final Set<String> activeServices = new LinkedHashSet<>();
  final Map<String, Binding> services = new LinkedHashMap<>();
  final Set<String> declared = new LinkedHashSet<>();

  /** Every key under the top-level networks, volumes and secrets, valid or not. */
  final Set<String> declaredNetworks = new LinkedHashSet<>();

  final Set<String> declaredVolumes = new LinkedHashSet<>();
  final Set<String> declaredSecrets = new LinkedHashSet<>();
  final Set<String> usedNetworks = new LinkedHashSet<>();
  final Set<String> usedVolumes = new LinkedHashSet<>();

  ComposeProject(String name, Map<String, String> variables, Set<String> profiles) {
    this.name = name;
    this.variables = variables;
    this.profiles = profiles;
  }

  /** Docker's name for a project resource: {@code <project>_<key>}. */
  String scoped(String key) {
    return name + "_" + key;
  }

  /** The container a service runs as: {@code <project>-<service>-1}, unless renamed. */
  String containerOf(String service) {
    return containerNames.getOrDefault(service, defaultContainerName(service));
  }

  String defaultContainerName(String service) {
    return name + "-" + service + "-1";
  }

  /** The network a service joins when it names none, created on first use. */
  NetworkSpec defaultNetwork() {
    return networks.computeIfAbsent(
        DEFAULT_NETWORK,
        key ->
            ComposeResources.network(
                this,
                DEFAULT_NETWORK,
                scoped(DEFAULT_NETWORK),
                "bridge",
                java.util.Map.of(),
                java.util.List.of(),
                false,
                false,
                java.util.Map.of()));
  }
}
