package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.DeploymentSettings;
import io.stow.model.Descriptor;
import io.stow.model.NetworkSpec;
import io.stow.model.VerifySettings;
import io.stow.model.parse.Binding.Unknown;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the document root: the deployment section, networks and the list of containers. */
final class DescriptorBinder {

  /** Control characters: a deployment name is written into one-line state files. */
  static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  static final Pattern NETWORK_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private static final Set<String> ROOT_KEYS = Set.of("deployment", "networks", "containers");
  private static final Set<String> DEPLOYMENT_KEYS = Set.of("name", "daemonBaseUrl", "verify");
  private static final Set<String> VERIFY_KEYS = Set.of("timeout", "stable");
  private static final Set<String> NETWORK_KEYS = Set.of("name");

  private DescriptorBinder() {}

  static Optional<Descriptor> bind(Findings findings, YamlNode root) {
    Optional<Binding> document = Binding.of(findings, root, "", ROOT_KEYS, Unknown.WARNING);
    if (document.isEmpty()) {
      return Optional.empty();
    }
    Binding top = document.get();
    Optional<DeploymentSettings> deployment = deployment(top);
    List<NetworkSpec> networks = networks(top);
    List<ContainerSpec> containers = containers(top, networks);
    if (deployment.isEmpty() || !findings.errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Descriptor(deployment.get(), networks, containers));
  }

  private static Optional<DeploymentSettings> deployment(Binding top) {
    if (top.node("deployment").isEmpty()) {
      top.problem("deployment", "is required: add deployment: {name: <name>}");
      return Optional.empty();
    }
    Optional<Binding> section = top.nested("deployment", DEPLOYMENT_KEYS, Unknown.WARNING);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Binding d = section.get();
    Optional<String> name = d.requiredString("name").map(String::strip);
    if (name.filter(String::isEmpty).isPresent()) {
      d.problem("name", "must not be empty");
      name = Optional.empty();
    } else if (name.filter(n -> CONTROL.matcher(n).find()).isPresent()) {
      d.problem("name", "must be one line of text without control characters");
      name = Optional.empty();
    }
    Optional<String> baseUrl =
        d.string("daemonBaseUrl").map(String::strip).filter(s -> !s.isEmpty());
    baseUrl.ifPresent(url -> checkUrl(d, url));
    VerifySettings verify = verify(d);
    return name.map(n -> new DeploymentSettings(n, baseUrl, verify));
  }

  static void checkUrl(Binding d, String url) {
    try {
      URI uri = new URI(url);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        d.warn(
            "daemonBaseUrl",
            "is not an http(s) URL such as https://host.example.com:17403/; badges and triggers"
                + " that use it will not work");
      }
    } catch (URISyntaxException e) {
      d.warn("daemonBaseUrl", "is not a URL (" + e.getReason() + "); badges will not work");
    }
  }

  static VerifySettings verify(Binding d) {
    Optional<Binding> section = d.nested("verify", VERIFY_KEYS, Unknown.ERROR);
    if (section.isEmpty()) {
      return VerifySettings.DEFAULT;
    }
    Binding v = section.get();
    Duration timeout = v.duration("timeout").orElse(VerifySettings.DEFAULT.timeout());
    Duration stable = v.duration("stable").orElse(VerifySettings.DEFAULT.stable());
    if (stable.compareTo(timeout) > 0) {
      v.problem(
          "stable",
          "is longer than the verification timeout; a deployment could never pass:"
              + " make stable shorter than timeout");
    }
    return new VerifySettings(timeout, stable);
  }

  private static List<NetworkSpec> networks(Binding top) {
    List<NetworkSpec> networks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Binding.Item item : top.list("networks")) {
      Optional<Binding> network =
          Binding.of(top.findings(), item.node(), item.path(), NETWORK_KEYS, Unknown.ERROR);
      network
          .flatMap(n -> n.requiredString("name"))
          .map(String::strip)
          .ifPresent(
              name -> {
                if (!NETWORK_NAME.matcher(name).matches() || NetworkRules.BUILT_IN.contains(name)) {
                  network
                      .get()
                      .problem(
                          "name",
                          "'"
                              + name
                              + "' is not a valid network name (letters, digits, '_', '.', '-';"
                              + " not bridge, host or none, which Docker provides)");
                } else if (!seen.add(name)) {
                  network.get().problem("name", "network '" + name + "' is declared twice");
                } else {
                  networks.add(new NetworkSpec(name));
                }
              });
    }
    return networks;
  }

  private static List<ContainerSpec> containers(Binding top, List<NetworkSpec> networks) {
    if (top.node("containers").isEmpty()) {
      top.problem("containers", "is required: list the containers to run");
      return List.of();
    }
    List<Binding.Item> items = top.list("containers");
    if (items.isEmpty() && top.findings().errors.isEmpty()) {
      top.problem("containers", "must list at least one container");
    }
    Set<String> declaredNetworks = new HashSet<>();
    networks.forEach(n -> declaredNetworks.add(n.name()));
    List<ContainerSpec> containers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Binding.Item item : items) {
      ContainerBinder.bind(top, item, declaredNetworks, names).ifPresent(containers::add);
    }
    return containers;
  }
}
