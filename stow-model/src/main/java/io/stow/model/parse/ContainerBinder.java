package io.stow.model.parse;

import io.stow.model.Capabilities;
import io.stow.model.ContainerSpec;
import io.stow.model.ExtraHost;
import io.stow.model.ImageRef;
import io.stow.model.MemorySize;
import io.stow.model.PublishSpec;
import io.stow.model.RestartPolicy;
import io.stow.model.SecurityOpts;
import io.stow.model.StowLabels;
import io.stow.model.TmpfsMount;
import io.stow.model.VolumeSpec;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.Entry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds and validates one entry of {@code containers}. Unknown keys are errors here, as in the
 * original tool. Values are trimmed and blank {@code publish}/{@code args} entries dropped, as the
 * original does.
 */
final class ContainerBinder {

  static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern USER = Pattern.compile("[^:\\s]+(:[^:\\s]+)?");
  private static final Pattern CPUS = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

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
  private static final ImageRef PLACEHOLDER_IMAGE =
      new ImageRef("invalid", "invalid", "sha256:" + "0".repeat(64));

  private ContainerBinder() {}

  static Optional<ContainerSpec> bind(
      Binding top, Binding.Item item, Set<String> declaredNetworks, Set<String> names) {
    Optional<Binding> bound =
        Binding.of(top.findings(), item.node(), item.path(), KEYS, Unknown.ERROR);
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
    trimmed(c, "restartPolicy")
        .flatMap(p -> c.parse("restartPolicy", p, RestartPolicy::parse))
        .ifPresent(spec::restartPolicy);
    trimmed(c, "memory")
        .flatMap(m -> c.parse("memory", m, MemorySize::parse))
        .ifPresent(spec::memory);
    spec.publishSpecs(each(c, "publish", PublishSpec::parse));
    List<VolumeSpec> volumes = VolumeBinder.bind(c);
    volumes.forEach(spec::volume);
    command(c).ifPresent(spec::args);
    env(c).forEach(spec::env);
    if (c.has("entrypoint")) {
      spec.entrypoint(c.stringList("entrypoint"));
    }
    spec.envFiles(VolumeBinder.relativePaths(c, "envFiles"));
    trimmed(c, "user")
        .ifPresent(
            user -> {
              if (!USER.matcher(user).matches()) {
                c.problem(
                    "user", "'" + user + "' is not a user; write name, uid, name:group or uid:gid");
              }
              spec.user(user);
            });
    trimmed(c, "workingDir")
        .ifPresent(
            dir -> {
              if (!dir.startsWith("/")) {
                c.problem("workingDir", "must be an absolute path inside the container");
              }
              spec.workingDir(dir);
            });
    c.optionalBool("init").ifPresent(spec::init);
    HealthcheckBinder.bind(c).ifPresent(spec::healthcheck);
    NetworkRules.bind(c, declaredNetworks, spec);
    labels(c).forEach(spec::label);
    cpus(c, "cpus").ifPresent(spec::cpus);
    spec.readOnlyRootfs(c.bool("readOnlyRootfs", false));
    spec.capAdd(each(c, "capAdd", Capabilities::normalise));
    spec.capDrop(each(c, "capDrop", Capabilities::normalise));
    spec.securityOpt(each(c, "securityOpt", SecurityOpts::check));
    spec.extraHostEntries(each(c, "extraHosts", ExtraHost::parse));
    List<TmpfsMount> tmpfs = each(c, "tmpfs", TmpfsMount::parse);
    checkMountPoints(c, volumes, tmpfs);
    spec.tmpfsMounts(tmpfs);
    c.duration("stopTimeout").filter(t -> checkStopTimeout(c, t)).ifPresent(spec::stopTimeout);
    LoggingBinder.bind(c).ifPresent(spec::logging);
    if (name.isEmpty() || image.isEmpty() || !c.findings().errors.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(spec.build());
    } catch (IllegalArgumentException e) {
      c.problem(e.getMessage());
      return Optional.empty();
    }
  }

  private static void checkName(Binding c, String name, Set<String> names) {
    if (name.isEmpty()) {
      c.problem("name", "must not be empty");
    } else if (!CONTAINER_NAME.matcher(name).matches()) {
      c.problem(
          "name",
          "'"
              + name
              + "' is not a valid container name; Docker takes at least two of letters, digits,"
              + " '_', '.', '-', starting with a letter or digit");
    } else if (!names.add(name)) {
      c.problem("name", "container name '" + name + "' is used twice; names must be unique");
    }
  }

  /** A string under {@code key}, trimmed; unset when absent, null or blank (as the original). */
  static Optional<String> trimmed(Binding c, String key) {
    return c.string(key).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** Each trimmed, non-blank list entry parsed with {@code parser}; problems at the entry. */
  static <T> List<T> each(Binding c, String key, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (Text entry : c.trimmedList(key)) {
      c.parseItem(entry.item(), entry.text(), parser).ifPresent(out::add);
    }
    return out;
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
    return Optional.of(c.trimmedList(args ? "args" : "command").stream().map(Text::text).toList());
  }

  private static Map<String, String> env(Binding c) {
    for (Entry entry : c.entries("env")) {
      if (!ENV_NAME.matcher(entry.key()).matches()) {
        c.problemAt(
            entry.value(),
            c.child("env") + "." + entry.key(),
            "'" + entry.key() + "' is not a valid variable name; use [A-Za-z_][A-Za-z0-9_]*");
      }
    }
    return c.stringMap("env");
  }

  private static Map<String, String> labels(Binding c) {
    Map<String, String> labels = c.stringMap("labels");
    for (String key : labels.keySet()) {
      if (key.startsWith(StowLabels.RESERVED_PREFIX)) {
        c.problem(
            "labels",
            "label '" + key + "' uses the reserved prefix 'stow.'; stow sets those itself");
      } else if (key.isBlank()) {
        c.problem("labels", "a label name must not be empty");
      }
    }
    return labels;
  }

  /** A CPU limit under {@code key}, as {@code docker run --cpus} reads it. */
  static Optional<BigDecimal> cpus(Binding c, String key) {
    return trimmed(c, key)
        .flatMap(
            text -> {
              if (!CPUS.matcher(text).matches()) {
                c.problem(key, "'" + text + "' is not a number; write e.g. 0.5 or 2");
                return Optional.empty();
              }
              BigDecimal value = new BigDecimal(text.endsWith(".") ? text + "0" : text);
              if (value.stripTrailingZeros().scale() > 9) {
                c.problem(key, "'" + text + "' is too precise; Docker takes at most nine decimals");
                return Optional.empty();
              }
              return Optional.of(value);
            });
  }

  private static boolean checkStopTimeout(Binding c, Duration timeout) {
    if (timeout.getSeconds() >= Integer.MAX_VALUE) {
      c.problem("stopTimeout", "is too long; Docker takes a whole number of seconds below 2^31");
      return false;
    }
    return true;
  }

  /** Docker refuses two mounts at one mount point (a bind and a tmpfs included). */
  private static void checkMountPoints(
      Binding c, List<VolumeSpec> volumes, List<TmpfsMount> tmpfs) {
    Set<String> seen = new HashSet<>();
    for (VolumeSpec volume : volumes) {
      if (!seen.add(volume.cleanTarget())) {
        c.problem("volumes", "two volumes mount at " + volume.target() + "; Docker refuses that");
      }
    }
    for (TmpfsMount mount : tmpfs) {
      String clean = java.nio.file.Path.of(mount.target()).normalize().toString();
      if (!seen.add(clean)) {
        c.problem(
            "tmpfs",
            "tmpfs "
                + mount.target()
                + " is mounted twice (or also a volume); Docker refuses that");
      }
    }
  }
}
