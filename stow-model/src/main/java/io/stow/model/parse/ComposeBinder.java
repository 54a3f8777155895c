package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.DeploymentSettings;
import io.stow.model.Descriptor;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.VerifySettings;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a Compose file onto stow's model: the project name becomes the deployment name, each active
 * service a container named as Compose names it, the networks and named volumes the active services
 * use the deployment's networks and volumes. {@code x-stow} carries what stow.yaml's {@code
 * deployment} section holds ({@code daemonBaseUrl}, {@code verify}); other {@code x-*} extensions
 * are ignored, as Compose ignores them.
 */
final class ComposeBinder {

  /** Compose's rule for a project name given explicitly. */
  static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private static final Set<String> X_STOW_KEYS = Set.of("daemonBaseUrl", "verify");

  private ComposeBinder() {}

  static Optional<Descriptor> bind(
      Findings findings,
      YamlNode root,
      Map<String, String> variables,
      ComposeParser.Options options,
      Set<String> redactions) {
    Optional<Binding> document = Binding.of(findings, root, "", ComposeKeys.TOP, Unknown.COMPOSE);
    if (document.isEmpty()) {
      return Optional.empty();
    }
    Binding top = document.get();
    Optional<String> name = projectName(top, variables, options.folderName());
    DeploymentSettings settings = settings(top, name.orElse("invalid"));
    ComposeProject project =
        new ComposeProject(name.orElse("invalid"), variables, profiles(variables, options));
    ComposeResources.networks(top, project);
    ComposeResources.volumes(top, project);
    ComposeResources.secrets(top, project);
    List<ContainerSpec> containers = services(top, project);
    if (name.isEmpty() || !findings.errors.isEmpty()) {
      return Optional.empty();
    }
    List<NetworkSpec> networks = new ArrayList<>();
    project.networks.forEach(
        (key, spec) -> {
          if (project.usedNetworks.contains(key)) {
            networks.add(spec);
          }
        });
    List<NamedVolumeSpec> volumes = new ArrayList<>();
    project.volumes.forEach(
        (key, spec) -> {
          if (project.usedVolumes.contains(key)) {
            volumes.add(spec);
          }
        });
    return Optional.of(new Descriptor(settings, networks, containers, volumes, redactions));
  }

  /**
   * {@code COMPOSE_PROJECT_NAME} from {@code .env}, else {@code name:}, else the folder's name made
   * into a project name as Compose makes it (lower case, only {@code a-z 0-9 _ -}).
   */
  private static Optional<String> projectName(
      Binding top, Map<String, String> variables, String folderName) {
    String fromEnv = variables.getOrDefault("COMPOSE_PROJECT_NAME", "").strip();
    if (!fromEnv.isEmpty()) {
      if (!PROJECT_NAME.matcher(fromEnv).matches()) {
        top.problem(
            "COMPOSE_PROJECT_NAME in .env is not a valid project name: use lower-case letters,"
                + " digits, '_' and '-', starting with a letter or digit");
        return Optional.empty();
      }
      return Optional.of(fromEnv);
    }
    Optional<String> explicit = top.string("name").map(String::strip).filter(n -> !n.isEmpty());
    if (explicit.isPresent()) {
      if (!PROJECT_NAME.matcher(explicit.get()).matches()) {
        top.problem(
            "name",
            "'"
                + explicit.get()
                + "' is not a valid project name: use lower-case letters, digits, '_' and '-',"
                + " starting with a letter or digit");
        return Optional.empty();
      }
      return explicit;
    }
    String normal =
        folderName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[_-]+", "");
    if (normal.isEmpty()) {
      top.problem(
          "the project has no name: the folder's name '"
              + folderName
              + "' holds no letter or digit; set name: at the top of the file");
      return Optional.empty();
    }
    return Optional.of(normal);
  }

  /** The deployment settings: the project name, and {@code x-stow}'s URL and windows. */
  private static DeploymentSettings settings(Binding top, String name) {
    Optional<Binding> stow = top.nested("x-stow", X_STOW_KEYS, Unknown.ERROR);
    if (stow.isEmpty()) {
      return new DeploymentSettings(name, Optional.empty(), VerifySettings.DEFAULT);
    }
    Binding s = stow.get();
    Optional<String> baseUrl =
        s.string("daemonBaseUrl").map(String::strip).filter(v -> !v.isEmpty());
    baseUrl.ifPresent(url -> DescriptorBinder.checkUrl(s, url));
    VerifySettings verify =
        s.node("verify").isPresent() ? DescriptorBinder.verify(s) : VerifySettings.DEFAULT;
    return new DeploymentSettings(name, baseUrl, verify);
  }

  /**
   * The profiles that run: those the host names (daemon configuration or {@code --profile}), else
   * {@code COMPOSE_PROFILES} from {@code .env}, as Compose lets its flags win over the variable.
   */
  private static Set<String> profiles(
      Map<String, String> variables, ComposeParser.Options options) {
    if (!options.profiles().isEmpty()) {
      return options.profiles();
    }
    Set<String> fromEnv = new LinkedHashSet<>();
    for (String profile : variables.getOrDefault("COMPOSE_PROFILES", "").split(",")) {
      if (!profile.isBlank()) {
        fromEnv.add(profile.strip());
      }
    }
    return fromEnv;
  }

  private static List<ContainerSpec> services(Binding top, ComposeProject project) {
    Optional<YamlNode> node = top.node("services");
    if (node.isEmpty() || Binding.isNull(node.get())) {
      top.problem("services", "is required: declare the services to run");
      return List.of();
    }
    if (!(node.get() instanceof MapNode map)) {
      top.problem("services", "must be a mapping of service names to services");
      return List.of();
    }
    List<Entry> entries = List.copyOf(map.entries().values());
    for (Entry entry : entries) {
      ServiceBinder.prepare(top, project, entry);
    }
    if (project.activeServices.isEmpty() && top.findings().errors.isEmpty()) {
      top.problem(
          "services",
          "no service runs with the active profiles "
              + project.profiles
              + "; add a service without profiles, or name one of its profiles for this host");
    }
    List<ContainerSpec> containers = new ArrayList<>();
    for (Entry entry : entries) {
      ServiceBinder.bind(top, project, entry)
          .filter(spec -> project.activeServices.contains(entry.key()))
          .ifPresent(containers::add);
    }
    ComposeGraph.check(top, project, entries, containers);
    return containers;
  }
}
