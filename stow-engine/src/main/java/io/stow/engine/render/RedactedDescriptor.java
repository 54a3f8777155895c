package io.stow.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.HealthcheckSpec;
import io.stow.model.VolumeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A descriptor rendered as a tree of maps, lists and scalars in stow.yaml's shape, with every
 * {@code env} value replaced by {@value #REDACTED}, and every other value that holds one of the
 * descriptor's {@link Descriptor#redactions()} (a Compose project's {@code .env} values) replaced
 * whole. It is safe to log, to put in plan JSON and to write to {@code
 * .stow-rendered-manifest.yaml}.
 */
public final class RedactedDescriptor {

  /** What every env value is replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Map<String, Object> tree;

  private RedactedDescriptor(Map<String, Object> tree) {
    this.tree = tree;
  }

  /** Renders the descriptor with env values redacted. */
  public static RedactedDescriptor of(Descriptor descriptor) {
    Objects.requireNonNull(descriptor, "descriptor");
    Map<String, Object> deployment = new LinkedHashMap<>();
    deployment.put("name", descriptor.deployment().name());
    descriptor.deployment().daemonBaseUrl().ifPresent(url -> deployment.put("daemonBaseUrl", url));
    Map<String, Object> verify = new LinkedHashMap<>();
    verify.put("timeout", duration(descriptor.deployment().verify().timeout()));
    verify.put("stable", duration(descriptor.deployment().verify().stable()));
    deployment.put("verify", verify);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("deployment", deployment);
    if (!descriptor.networks().isEmpty()) {
      List<Object> networks = new ArrayList<>();
      descriptor.networks().forEach(n -> networks.add(ComposeRendering.network(n)));
      root.put("networks", networks);
    }
    ComposeRendering.volumes(descriptor, root);
    List<Object> containers = new ArrayList<>();
    descriptor.containers().forEach(c -> containers.add(container(c)));
    root.put("containers", containers);
    Object masked = ComposeRendering.redact(root, descriptor.redactions(), REDACTED);
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) masked;
    return new RedactedDescriptor(freeze(tree));
  }

  /** The tree: maps keep stow.yaml's key order; unmodifiable. */
  public Map<String, Object> tree() {
    return tree;
  }

  /** The tree as YAML. */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the descriptor as YAML", e);
    }
  }

  @Override
  public String toString() {
    return "RedactedDescriptor" + tree;
  }

  private static Map<String, Object> container(ContainerSpec c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    if (c.build().isEmpty()) {
      m.put("image", c.image().toString());
    }
    c.restartPolicy().ifPresent(v -> m.put("restartPolicy", v.toString()));
    c.memory().ifPresent(v -> m.put("memory", v.text()));
    putList(m, "publish", c.publish().stream().map(Object::toString).toList());
    if (!c.volumes().isEmpty()) {
      List<Object> volumes = new ArrayList<>();
      c.volumes().forEach(v -> volumes.add(volume(v)));
      m.put("volumes", volumes);
    }
    c.entrypoint().ifPresent(v -> m.put("entrypoint", v));
    putList(m, "args", c.args());
    putList(m, "envFiles", c.envFiles());
    if (!c.env().isEmpty()) {
      Map<String, Object> env = new LinkedHashMap<>();
      c.env().keySet().forEach(k -> env.put(k, REDACTED));
      m.put("env", env);
    }
    c.user().ifPresent(v -> m.put("user", v));
    c.workingDir().ifPresent(v -> m.put("workingDir", v));
    c.init().ifPresent(v -> m.put("init", v));
    c.healthcheck().ifPresent(h -> m.put("healthcheck", healthcheck(h)));
    putList(m, "networks", c.networks());
    putList(m, "networkAliases", c.networkAliases());
    if (!c.labels().isEmpty()) {
      m.put("labels", new LinkedHashMap<>(c.labels()));
    }
    c.cpus().ifPresent(v -> m.put("cpus", v.toPlainString()));
    if (c.readOnlyRootfs()) {
      m.put("readOnlyRootfs", true);
    }
    putList(m, "capAdd", c.capAdd());
    putList(m, "capDrop", c.capDrop());
    putList(m, "securityOpt", c.securityOpt());
    putList(m, "extraHosts", c.extraHosts().stream().map(Object::toString).toList());
    putList(m, "tmpfs", c.tmpfs().stream().map(Object::toString).toList());
    c.stopTimeout().ifPresent(v -> m.put("stopTimeout", duration(v)));
    c.logging()
        .ifPresent(
            l -> {
              Map<String, Object> logging = new LinkedHashMap<>();
              logging.put("driver", l.driver());
              if (!l.options().isEmpty()) {
                logging.put("options", new java.util.TreeMap<>(l.options()));
              }
              m.put("logging", logging);
            });
    ComposeRendering.container(c, m);
    return m;
  }

  private static Map<String, Object> volume(VolumeSpec v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", v.source());
    m.put("target", v.target());
    if (v.readOnly()) {
      m.put("readOnly", true);
    }
    v.selinux().ifPresent(s -> m.put("selinux", s));
    return m;
  }

  private static Map<String, Object> healthcheck(HealthcheckSpec h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", h.test());
    h.interval().ifPresent(v -> m.put("interval", duration(v)));
    h.timeout().ifPresent(v -> m.put("timeout", duration(v)));
    h.retries().ifPresent(v -> m.put("retries", v));
    h.startPeriod().ifPresent(v -> m.put("startPeriod", duration(v)));
    if (h.disable()) {
      m.put("disable", true);
    }
    return m;
  }

  private static void putList(Map<String, Object> m, String key, List<String> values) {
    if (!values.isEmpty()) {
      m.put(key, values);
    }
  }

  /** {@code 20s}, {@code 1500ms}: the shortest exact unit. */
  static String duration(Duration d) {
    if (d.toNanosPart() == 0 && d.getSeconds() % 60 == 0 && d.getSeconds() != 0) {
      return d.toMinutes() + "m";
    }
    if (d.toNanosPart() == 0) {
      return d.getSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  @SuppressWarnings("unchecked")
  private static <T> T freeze(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, freeze(v)));
      return (T) Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(freeze(v)));
      return (T) Collections.unmodifiableList(copy);
    }
    return value;
  }
}
