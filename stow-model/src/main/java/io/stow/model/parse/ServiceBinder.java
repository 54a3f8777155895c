package io.stow.model.parse;

import io.stow.model.BuildSpec;
import io.stow.model.Capabilities;
import io.stow.model.ContainerSpec;
import io.stow.model.ExtraHost;
import io.stow.model.ImageRef;
import io.stow.model.SecurityOpts;
import io.stow.model.StowLabels;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.ComposeValues.Pair;
import io.stow.model.parse.YamlNode.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds one Compose service onto a {@link ContainerSpec}, reusing stow-model's rule for every value
 * (image references, restart policies, sizes, ports, capabilities, security options, hosts, mounts,
 * log drivers). Parts with more structure are bound by {@link ServiceMounts}, {@link
 * ServiceNetworks}, {@link ServiceLimits} and {@link ServiceRuntime}.
 */
final class ServiceBinder {

  /** Compose's rule for service names. */
  static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  /**
   * Environment names as Docker takes them: anything without {@code =}, spaces or control
   * characters. Wider than stow.yaml's POSIX names because real Compose files rely on it
   * (Elasticsearch's {@code discovery.type}).
   */
  static final Pattern ENV_NAME = Pattern.compile("[^=\\s\\p{Cntrl}]+");

  /** Compose's labels, which make {@code docker compose ps} list stow's containers. */
  static final String COMPOSE_LABEL_PREFIX = "com.docker.compose.";

  private static final ImageRef PLACEHOLDER_IMAGE =
      new ImageRef("invalid", "invalid", "sha256:" + "0".repeat(64));

  private ServiceBinder() {}

  /** First pass: the service's name, container name and whether its profiles let it run. */
  static void prepare(Binding top, ComposeProject project, Entry entry) {
    String service = entry.key();
    String path = "services." + service;
    project.declared.add(service);
    if (!SERVICE_NAME.matcher(service).matches()) {
      top.findings()
          .errors
          .add(
              new Problem(
                  top.findings().file,
                  path,
                  entry.line(),
                  entry.column(),
                  "'"
                      + service
                      + "' is not a valid service name: letters, digits, '_', '.', '-', starting"
                      + " with a letter or digit"));
    }
    Optional<Binding> bound =
        Binding.of(top.findings(), entry.value(), path, ComposeKeys.SERVICE, Unknown.COMPOSE);
    if (bound.isEmpty()) {
      return;
    }
    Binding s = bound.get();
    project.services.put(service, s);
    ContainerBinder.trimmed(s, "container_name")
        .ifPresent(
            name -> {
              if (!ContainerBinder.CONTAINER_NAME.matcher(name).matches()) {
                s.problem(
                    "container_name",
                    "'"
                        + name
                        + "' is not a valid container name; Docker takes at least two of letters,"
                        + " digits, '_', '.', '-', starting with a letter or digit");
              }
              project.containerNames.put(service, name);
            });
    List<String> profiles = s.trimmedList("profiles").stream().map(Text::text).toList();
    if (profiles.isEmpty() || profiles.stream().anyMatch(project.profiles::contains)) {
      project.activeServices.add(service);
    }
  }

  /** Second pass: the container, once every service's name and activity is known. */
  static Optional<ContainerSpec> bind(Binding top, ComposeProject project, Entry entry) {
    String service = entry.key();
    Binding s = project.services.get(service);
    if (s == null) {
      return Optional.empty();
    }
    String name = project.containerOf(service);
    Optional<BuildSpec> build = ServiceBuild.bind(s, project, service);
    Optional<ImageRef> image = image(s, build);
    ContainerSpec.Builder spec = ContainerSpec.builder(name, image.orElse(PLACEHOLDER_IMAGE));
    build.ifPresent(spec::build);
    ServiceLimits.bind(s, spec);
    spec.publishSpecs(ServicePorts.publish(s));
    ServiceMounts.bind(s, project, spec);
    ComposeValues.words(s, "command").ifPresent(spec::args);
    ComposeValues.words(s, "entrypoint").ifPresent(spec::entrypoint);
    environment(s, project).forEach(spec::env);
    envFiles(s, spec);
    user(s, spec);
    ContainerBinder.trimmed(s, "working_dir")
        .ifPresent(
            dir -> {
              if (!dir.startsWith("/")) {
                s.problem("working_dir", "must be an absolute path inside the container");
              }
              spec.workingDir(dir);
            });
    s.optionalBool("init").ifPresent(spec::init);
    spec.readOnlyRootfs(s.bool("read_only", false));
    HealthcheckBinder.bindCompose(s).ifPresent(spec::healthcheck);
    boolean hostNetwork = ServiceNetworks.bind(s, project, service, spec);
    labels(s, project, service).forEach(spec::label);
    spec.capAdd(each(s, ComposeValues.stringOrList(s, "cap_add"), Capabilities::normalise));
    spec.capDrop(each(s, ComposeValues.stringOrList(s, "cap_drop"), Capabilities::normalise));
    spec.securityOpt(each(s, s.trimmedList("security_opt"), SecurityOpts::check));
    spec.extraHostEntries(extraHosts(s));
    ServiceRuntime.bind(s, hostNetwork).ifPresent(spec::runtime);
    s.goDuration("stop_grace_period")
        .ifPresent(
            t -> {
              if (t.getSeconds() >= Integer.MAX_VALUE) {
                s.problem("stop_grace_period", "is too long for Docker (below 2^31 seconds)");
              } else {
                spec.stopTimeout(t);
              }
            });
    LoggingBinder.bind(s).ifPresent(spec::logging);
    spec.dependsOn(ServiceDependencies.bind(s, project, service));
    if (image.isEmpty() || !s.findings().errors.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(spec.build());
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A pinned {@code image}, or the stand-in of the build. With a build, an {@code image} is not
   * used: stow tags what it builds itself.
   */
  private static Optional<ImageRef> image(Binding s, Optional<BuildSpec> build) {
    if (build.isPresent()) {
      if (s.has("image")) {
        s.warn(
            "image",
            "is not used: the service has a build, and stow tags what it builds as "
                + build.get().repository()
                + ":<build tag>");
      }
      return Optional.of(build.get().standIn());
    }
    if (!s.has("image")) {
      if (!s.node("build").isPresent()) {
        s.problem("image", "is required: give a pinned image (repo:tag@sha256:...) or a build");
      }
      return Optional.empty();
    }
    return s.string("image")
        .flatMap(
            text ->
                s.parse(
                    "image",
                    text,
                    t -> {
                      try {
                        return ImageRef.parse(t);
                      } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                            e.getMessage()
                                + (t.contains("@")
                                    ? ""
                                    : "; `stow pin DIR` pins every image of the folder to the"
                                        + " digest its registry serves now"),
                            e);
                      }
                    }));
  }

  /**
   * {@code environment}: a mapping or a list of {@code KEY=VALUE}; a name without a value takes the
   * project's {@code .env} value (Compose takes the shell's, which a host daemon has none of), and
   * is left out when {@code .env} has none.
   */
  private static Map<String, String> environment(Binding s, ComposeProject project) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Pair pair : ComposeValues.pairs(s, "environment", '=')) {
      if (!ENV_NAME.matcher(pair.key()).matches()) {
        s.problemAt(
            pair.node(),
            pair.path(),
            "'"
                + pair.key()
                + "' is not a variable name Docker takes: no '=', spaces or control characters");
        continue;
      }
      Optional<String> value =
          pair.value().or(() -> Optional.ofNullable(project.variables.get(pair.key())));
      value.ifPresent(v -> env.put(pair.key(), v));
    }
    return env;
  }

  private static void envFiles(Binding s, ContainerSpec.Builder spec) {
    List<String> files = new ArrayList<>();
    for (Text text : ComposeValues.stringOrList(s, "env_file")) {
      ComposeValues.inside(s, text.item().node(), text.item().path(), text.text(), "env_file")
          .ifPresent(files::add);
    }
    spec.envFiles(files);
  }

  private static void user(Binding s, ContainerSpec.Builder spec) {
    ContainerBinder.trimmed(s, "user")
        .ifPresent(
            user -> {
              if (!ContainerBinder.USER.matcher(user).matches()) {
                s.problem(
                    "user", "'" + user + "' is not a user; write name, uid, name:group or uid:gid");
              }
              spec.user(user);
            });
  }

  /** The user's labels, then Compose's, so {@code docker compose ps -p <project>} lists them. */
  private static Map<String, String> labels(Binding s, ComposeProject project, String service) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Pair pair : ComposeValues.pairs(s, "labels", '=')) {
      if (pair.key().isBlank()) {
        s.problemAt(pair.node(), pair.path(), "a label name must not be empty");
      } else if (pair.key().startsWith(StowLabels.RESERVED_PREFIX)
          || pair.key().startsWith(COMPOSE_LABEL_PREFIX)) {
        s.problemAt(
            pair.node(),
            pair.path(),
            "label '"
                + pair.key()
                + "' uses a prefix stow sets itself (stow., com.docker.compose.)");
      } else {
        labels.put(pair.key(), pair.value().orElse(""));
      }
    }
    labels.put(COMPOSE_LABEL_PREFIX + "project", project.name);
    labels.put(StowLabels.COMPOSE_SERVICE, service);
    labels.put(COMPOSE_LABEL_PREFIX + "container-number", "1");
    labels.put(COMPOSE_LABEL_PREFIX + "oneoff", "False");
    return labels;
  }

  /** {@code extra_hosts}: a list of {@code host:ip} / {@code host=ip}, or a mapping host: ip. */
  private static List<ExtraHost> extraHosts(Binding s) {
    List<ExtraHost> hosts = new ArrayList<>();
    boolean mapping = s.node("extra_hosts").filter(YamlNode.MapNode.class::isInstance).isPresent();
    for (Pair pair : ComposeValues.pairs(s, "extra_hosts", mapping ? '=' : '\0')) {
      String text = mapping ? pair.key() + "=" + pair.value().orElse("") : pair.key();
      try {
        hosts.add(ExtraHost.parse(text));
      } catch (IllegalArgumentException e) {
        s.problemAt(pair.node(), pair.path(), e.getMessage());
      }
    }
    return hosts;
  }

  /** Each entry parsed with {@code parser}; problems at the entry. */
  static <T> List<T> each(Binding s, List<Text> entries, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (Text entry : entries) {
      s.parseItem(entry.item(), entry.text(), parser).ifPresent(out::add);
    }
    return out;
  }
}
