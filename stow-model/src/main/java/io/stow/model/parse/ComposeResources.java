package io.stow.model.parse;

import io.stow.model.IpamPool;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.Subnet;
import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.ComposeValues.Pair;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level {@code networks}, {@code volumes} and {@code secrets} of a Compose file. Networks
 * and volumes are named {@code <project>_<key>} unless they set {@code name}; an {@code external}
 * one must exist and is never created. Secrets come from files of the deployment folder ({@code
 * file}); Swarm's and environment secrets are refused.
 */
final class ComposeResources {

  private static final Set<String> NETWORK_KEYS =
      Set.of(
          "driver", "driver_opts", "ipam", "internal", "enable_ipv6", "labels", "name", "external");
  private static final Set<String> IPAM_KEYS = Set.of("driver", "config");
  private static final Set<String> POOL_KEYS = Set.of("subnet", "gateway", "ip_range");
  private static final Set<String> VOLUME_KEYS =
      Set.of("driver", "driver_opts", "labels", "name", "external");
  private static final Set<String> SECRET_KEYS = Set.of("file");

  private ComposeResources() {}

  static void networks(Binding top, ComposeProject project) {
    for (Entry entry : entries(top, "networks")) {
      String path = "networks." + entry.key();
      project.declaredNetworks.add(entry.key());
      if (Binding.isNull(entry.value())) {
        add(
            top,
            project,
            entry,
            path,
            network(
                project,
                entry.key(),
                project.scoped(entry.key()),
                "bridge",
                Map.of(),
                List.of(),
                false,
                false,
                Map.of()));
        continue;
      }
      Optional<Binding> bound =
          Binding.of(top.findings(), entry.value(), path, NETWORK_KEYS, Unknown.COMPOSE);
      if (bound.isEmpty()) {
        continue;
      }
      Binding n = bound.get();
      String name = ContainerBinder.trimmed(n, "name").orElse(project.scoped(entry.key()));
      if (n.bool("external", false)) {
        add(
            top,
            project,
            entry,
            path,
            NetworkSpec.external(ContainerBinder.trimmed(n, "name").orElse(entry.key())));
        continue;
      }
      String driver = ContainerBinder.trimmed(n, "driver").orElse("bridge");
      if (driver.equals("overlay")) {
        n.problem("driver", "overlay networks are Swarm's; on one host use bridge");
        continue;
      }
      List<IpamPool> pools = ipam(n);
      try {
        add(
            top,
            project,
            entry,
            path,
            network(
                project,
                entry.key(),
                name,
                driver,
                options(n, "driver_opts"),
                pools,
                n.bool("internal", false),
                n.bool("enable_ipv6", false),
                options(n, "labels")));
      } catch (IllegalArgumentException e) {
        n.problem("driver", e.getMessage());
      }
    }
  }

  /** A network the project creates, with Compose's labels beside the user's. */
  static NetworkSpec network(
      ComposeProject project,
      String key,
      String name,
      String driver,
      Map<String, String> options,
      List<IpamPool> pools,
      boolean internal,
      boolean ipv6,
      Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(ServiceBinder.COMPOSE_LABEL_PREFIX + "project", project.name);
    all.put(ServiceBinder.COMPOSE_LABEL_PREFIX + "network", key);
    return new NetworkSpec(name, driver, options, pools, internal, ipv6, all, false);
  }

  private static void add(
      Binding top, ComposeProject project, Entry entry, String path, NetworkSpec network) {
    if (!DescriptorBinder.NETWORK_NAME.matcher(network.name()).matches()
        || NetworkRules.BUILT_IN.contains(network.name())) {
      top.problemAt(
          entry.value(),
          path,
          "'"
              + network.name()
              + "' is not a valid network name (letters, digits, '_', '.', '-'; not bridge, host"
              + " or none)");
      return;
    }
    project.networks.put(entry.key(), network);
  }

  private static List<IpamPool> ipam(Binding n) {
    List<IpamPool> pools = new ArrayList<>();
    Optional<Binding> ipam = n.nested("ipam", IPAM_KEYS, Unknown.COMPOSE);
    if (ipam.isEmpty()) {
      return pools;
    }
    Binding i = ipam.get();
    ContainerBinder.trimmed(i, "driver")
        .filter(d -> !d.equals("default"))
        .ifPresent(d -> i.problem("driver", "only Docker's default IPAM driver is supported"));
    for (Item item : i.list("config")) {
      Binding.of(i.findings(), item.node(), item.path(), POOL_KEYS, Unknown.COMPOSE)
          .ifPresent(
              p -> {
                Optional<Subnet> subnet =
                    p.requiredString("subnet")
                        .flatMap(v -> p.parse("subnet", v.strip(), Subnet::parse));
                Optional<String> gateway = ContainerBinder.trimmed(p, "gateway");
                Optional<Subnet> range =
                    ContainerBinder.trimmed(p, "ip_range")
                        .flatMap(v -> p.parse("ip_range", v, Subnet::parse));
                subnet.ifPresent(
                    s -> {
                      try {
                        pools.add(new IpamPool(s, gateway, range));
                      } catch (IllegalArgumentException e) {
                        p.problem(e.getMessage());
                      }
                    });
              });
    }
    return pools;
  }

  static void volumes(Binding top, ComposeProject project) {
    for (Entry entry : entries(top, "volumes")) {
      String path = "volumes." + entry.key();
      project.declaredVolumes.add(entry.key());
      String scoped = project.scoped(entry.key());
      try {
        if (Binding.isNull(entry.value())) {
          project.volumes.put(
              entry.key(),
              new NamedVolumeSpec(
                  scoped, "local", Map.of(), composeLabels(project, entry.key(), Map.of()), false));
          continue;
        }
        Optional<Binding> bound =
            Binding.of(top.findings(), entry.value(), path, VOLUME_KEYS, Unknown.COMPOSE);
        if (bound.isEmpty()) {
          continue;
        }
        Binding v = bound.get();
        boolean external = v.bool("external", false);
        String name = ContainerBinder.trimmed(v, "name").orElse(external ? entry.key() : scoped);
        project.volumes.put(
            entry.key(),
            new NamedVolumeSpec(
                name,
                ContainerBinder.trimmed(v, "driver").orElse("local"),
                options(v, "driver_opts"),
                composeLabels(project, entry.key(), options(v, "labels")),
                external));
      } catch (IllegalArgumentException e) {
        top.problemAt(entry.value(), path, e.getMessage());
      }
    }
  }

  static void secrets(Binding top, ComposeProject project) {
    for (Entry entry : entries(top, "secrets")) {
      String path = "secrets." + entry.key();
      project.declaredSecrets.add(entry.key());
      Optional<Binding> bound =
          Binding.of(top.findings(), entry.value(), path, SECRET_KEYS, Unknown.COMPOSE);
      if (bound.isEmpty()) {
        continue;
      }
      Binding s = bound.get();
      if (!s.has("file")) {
        s.problem(
            "file",
            "is required: stow mounts secrets from files of the deployment folder (which may be"
                + " SOPS-encrypted); environment and external secrets are not supported");
        continue;
      }
      ContainerBinder.trimmed(s, "file")
          .flatMap(
              f ->
                  ComposeValues.inside(
                      s, s.node("file").orElseThrow(), s.child("file"), f, "the secret file"))
          .ifPresent(f -> project.secrets.put(entry.key(), f));
    }
  }

  /** A volume's labels with Compose's beside them, so {@code docker compose} knows it. */
  private static Map<String, String> composeLabels(
      ComposeProject project, String key, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(ServiceBinder.COMPOSE_LABEL_PREFIX + "project", project.name);
    all.put(ServiceBinder.COMPOSE_LABEL_PREFIX + "volume", key);
    return all;
  }

  /** A mapping's scalar values (driver options, labels), as written. */
  private static Map<String, String> options(Binding b, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Pair pair : ComposeValues.pairs(b, key, '=')) {
      out.put(pair.key(), pair.value().orElse(""));
    }
    return out;
  }

  private static List<Entry> entries(Binding top, String key) {
    Optional<YamlNode> node = top.node(key);
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return List.of();
    }
    if (!(node.get() instanceof MapNode map)) {
      top.problem(key, "must be a mapping of names to definitions");
      return List.of();
    }
    return List.copyOf(map.entries().values());
  }
}
