package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.ImageRef;
import io.stow.model.LoggingSpec;
import io.stow.model.StowLabels;
import io.stow.model.parse.YamlNode.Entry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds and validates one entry of {@code containers}. */
final class ContainerBinder {

  static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern RESTART_POLICY =
      Pattern.compile("no|always|unless-stopped|on-failure(:[0-9]+)?");
  private static final String RESTART_HINT = "use no, always, unless-stopped or on-failure[:N]";
  private static final Pattern MEMORY = Pattern.compile("[0-9]+([bkmgBKMG][bB]?)?");
  private static final Pattern PUBLISH =
      Pattern.compile(
          "((\\[[0-9a-fA-F:.]+\\]|[0-9.]+|[a-zA-Z0-9.-]+):)?(([0-9]+(-[0-9]+)?)?:)?"
              + "[0-9]+(-[0-9]+)?(/(tcp|udp|sctp))?");
  private static final Pattern CAPABILITY = Pattern.compile("(CAP_)?[A-Z_]+|ALL");
  private static final Pattern EXTRA_HOST = Pattern.compile("[^:\\s]+[:=]\\S+");
  private static final Pattern CPUS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "image",
          "restartPolicy",
          "memory",
          "publish",
          "volumes",
          "args",
          "command",
          "env",
          "entrypoint",
          "envFiles",
          "user",
          "workingDir",
          "init",
          "healthcheck",
          "networks",
          "networkAliases",
          "labels",
          "cpus",
          "readOnlyRootfs",
          "capAdd",
          "capDrop",
          "securityOpt",
          "extraHosts",
          "tmpfs",
          "stopTimeout",
          "logging");
  private static final Set<String> LOGGING_KEYS = Set.of("driver", "options");
  private static final ImageRef PLACEHOLDER_IMAGE =
      new ImageRef("invalid", "invalid", "sha256:" + "0".repeat(64));
  private static final Set<String> BUILTIN_NETWORKS = Set.of("bridge", "host", "none");

  private ContainerBinder() {}

  static Optional<ContainerSpec> bind(
      Binding top, Binding.Item item, Set<String> declaredNetworks, Set<String> names) {
    Optional<Binding> bound =
        Binding.of(top.file(), top.problems(), item.node(), item.path(), KEYS);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Binding c = bound.get();
    Optional<String> name = c.requiredString("name").map(String::strip);
    name.ifPresent(n -> checkName(c, n, names));
    Optional<ImageRef> image =
        c.requiredString("image").flatMap(text -> c.parse("image", text, ImageRef::parse));
    // with a bad name or image the other fields are still checked, so every problem shows at once
    ContainerSpec.Builder spec =
        ContainerSpec.builder(name.orElse("invalid"), image.orElse(PLACEHOLDER_IMAGE));
    c.string("restartPolicy")
        .flatMap(p -> check(c, "restartPolicy", p, RESTART_POLICY, RESTART_HINT))
        .ifPresent(spec::restartPolicy);
    c.string("memory")
        .flatMap(m -> check(c, "memory", m, MEMORY, "write bytes with a unit, e.g. 512m or 1g"))
        .ifPresent(spec::memory);
    spec.publish(
        matching(
            c, "publish", PUBLISH, "write [ip:][hostPort:]containerPort[/udp], e.g. \"8080:80\""));
    VolumeBinder.bind(c).forEach(spec::volume);
    command(c).ifPresent(spec::args);
    env(c).forEach(spec::env);
    if (c.node("entrypoint").isPresent()) {
      spec.entrypoint(c.stringList("entrypoint"));
    }
    spec.envFiles(VolumeBinder.relativePaths(c, "envFiles"));
    c.string("user").ifPresent(spec::user);
    c.string("workingDir")
        .ifPresent(
            dir -> {
              if (!dir.startsWith("/")) {
                c.problem("workingDir", "must be an absolute path inside the container");
              }
              spec.workingDir(dir);
            });
    c.optionalBool("init").ifPresent(spec::init);
    HealthcheckBinder.bind(c).ifPresent(spec::healthcheck);
    List<String> networks = c.stringList("networks");
    for (String network : networks) {
      if (!declaredNetworks.contains(network) && !BUILTIN_NETWORKS.contains(network)) {
        c.problem(
            "networks",
            "network '" + network + "' is not declared; add it to the top-level networks list");
      }
    }
    spec.networks(networks);
    List<String> aliases = c.stringList("networkAliases");
    if (!aliases.isEmpty() && networks.stream().noneMatch(declaredNetworks::contains)) {
      c.problem(
          "networkAliases", "aliases need a user-defined network in this container's networks");
    }
    spec.networkAliases(aliases);
    labels(c).forEach(spec::label);
    cpus(c).ifPresent(spec::cpus);
    spec.readOnlyRootfs(c.bool("readOnlyRootfs", false));
    spec.capAdd(matching(c, "capAdd", CAPABILITY, "use capability names like NET_ADMIN"));
    spec.capDrop(matching(c, "capDrop", CAPABILITY, "use capability names like NET_RAW, or ALL"));
    spec.securityOpt(c.stringList("securityOpt"));
    spec.extraHosts(matching(c, "extraHosts", EXTRA_HOST, "write host:ip, e.g. db.local:10.0.0.5"));
    List<String> tmpfs = c.stringList("tmpfs");
    tmpfs.stream()
        .filter(t -> !t.startsWith("/"))
        .findFirst()
        .ifPresent(
            t ->
                c.problem(
                    "tmpfs", "'" + t + "' must be an absolute path, optionally with :options"));
    spec.tmpfs(tmpfs);
    c.duration("stopTimeout").ifPresent(spec::stopTimeout);
    logging(c).ifPresent(spec::logging);
    return name.isPresent() && image.isPresent() ? Optional.of(spec.build()) : Optional.empty();
  }

  private static void checkName(Binding c, String name, Set<String> names) {
    if (!CONTAINER_NAME.matcher(name).matches()) {
      c.problem(
          "name",
          "'"
              + name
              + "' is not a valid container name; use at least two of letters, digits, '_', '.',"
              + " '-', starting with a letter or digit");
    } else if (!names.add(name)) {
      c.problem("name", "container name '" + name + "' is used twice; names must be unique");
    }
  }

  private static Optional<String> check(
      Binding c, String key, String value, Pattern pattern, String hint) {
    if (pattern.matcher(value).matches()) {
      return Optional.of(value);
    }
    c.problem(key, "'" + value + "' is not valid; " + hint);
    return Optional.empty();
  }

  private static List<String> matching(Binding c, String key, Pattern pattern, String hint) {
    List<String> values = c.stringList(key);
    for (String value : values) {
      check(c, key, value, pattern, hint);
    }
    return values;
  }

  private static Optional<List<String>> command(Binding c) {
    boolean args = c.node("args").isPresent();
    boolean command = c.node("command").isPresent();
    if (args && command) {
      c.problem("command", "is an alias of args; set only one of them");
      return Optional.empty();
    }
    if (!args && !command) {
      return Optional.empty();
    }
    return Optional.of(c.stringList(args ? "args" : "command"));
  }

  private static java.util.Map<String, String> env(Binding c) {
    for (Entry entry : c.entries("env")) {
      if (!ENV_NAME.matcher(entry.key()).matches()) {
        c.problemAt(
            entry.value(),
            c.child("env") + "." + entry.key(),
            "'" + entry.key() + "' is not a valid variable name; use [A-Za-z_][A-Za-z0-9_]*");
      }
    }
    return c.stringMap("env", true);
  }

  private static java.util.Map<String, String> labels(Binding c) {
    java.util.Map<String, String> labels = c.stringMap("labels", false);
    for (String key : labels.keySet()) {
      if (key.startsWith(StowLabels.RESERVED_PREFIX)) {
        c.problem(
            "labels",
            "label '" + key + "' uses the reserved prefix 'stow.'; stow sets those itself");
      }
    }
    return labels;
  }

  private static Optional<BigDecimal> cpus(Binding c) {
    return c.string("cpus")
        .flatMap(text -> check(c, "cpus", text, CPUS, "write a positive number like 0.5 or 2"))
        .map(BigDecimal::new)
        .filter(
            value -> {
              if (value.signum() <= 0) {
                c.problem("cpus", "must be greater than 0");
                return false;
              }
              return true;
            });
  }

  private static Optional<LoggingSpec> logging(Binding c) {
    return c.nested("logging", LOGGING_KEYS)
        .flatMap(
            l ->
                l.requiredString("driver")
                    .map(driver -> new LoggingSpec(driver, l.stringMap("options", false))));
  }
}
