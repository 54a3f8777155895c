package io.stow.engine.render;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkEndpoint;
import io.stow.model.NetworkSpec;
import io.stow.model.RuntimeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a rendered descriptor that only a Compose file fills (builds, named volumes,
 * configured networks, per-network endpoints, dependencies, runtime settings), in stow.yaml's
 * camelCase style, and the masking of values that came from a Compose project's {@code .env}.
 */
final class ComposeRendering {

  /** Values this short are not hidden: hiding them would garble every value. */
  private static final int SHORTEST_HIDDEN = 3;

  private ComposeRendering() {}

  static Map<String, Object> network(NetworkSpec n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    if (n.plain()) {
      return m;
    }
    if (n.external()) {
      m.put("external", true);
      return m;
    }
    m.put("driver", n.driver());
    if (!n.options().isEmpty()) {
      m.put("options", new LinkedHashMap<>(n.options()));
    }
    if (!n.ipam().isEmpty()) {
      List<Object> pools = new ArrayList<>();
      n.ipam()
          .forEach(
              p -> {
                Map<String, Object> pool = new LinkedHashMap<>();
                pool.put("subnet", p.subnet().toString());
                p.gateway().ifPresent(g -> pool.put("gateway", g));
                p.ipRange().ifPresent(r -> pool.put("ipRange", r.toString()));
                pools.add(pool);
              });
      m.put("ipam", pools);
    }
    if (n.internal()) {
      m.put("internal", true);
    }
    if (n.enableIpv6()) {
      m.put("enableIpv6", true);
    }
    if (!n.labels().isEmpty()) {
      m.put("labels", new LinkedHashMap<>(n.labels()));
    }
    return m;
  }

  static void volumes(Descriptor descriptor, Map<String, Object> root) {
    if (descriptor.volumes().isEmpty()) {
      return;
    }
    List<Object> volumes = new ArrayList<>();
    for (NamedVolumeSpec v : descriptor.volumes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      if (v.external()) {
        m.put("external", true);
      } else {
        m.put("driver", v.driver());
        if (!v.driverOptions().isEmpty()) {
          m.put("driverOptions", new LinkedHashMap<>(v.driverOptions()));
        }
      }
      volumes.add(m);
    }
    root.put("volumes", volumes);
  }

  static void container(ContainerSpec c, Map<String, Object> m) {
    c.build()
        .ifPresent(
            b -> {
              Map<String, Object> build = new LinkedHashMap<>();
              build.put("repository", b.repository());
              build.put("context", b.context());
              build.put("dockerfile", b.dockerfile());
              b.target().ifPresent(t -> build.put("target", t));
              if (!b.args().isEmpty()) {
                Map<String, Object> args = new LinkedHashMap<>();
                b.args().keySet().forEach(k -> args.put(k, RedactedDescriptor.REDACTED));
                build.put("args", args);
              }
              m.put("build", build);
            });
    if (!c.volumeMounts().isEmpty()) {
      m.put("volumeMounts", c.volumeMounts().stream().map(Object::toString).toList());
    }
    if (!c.endpoints().isEmpty()) {
      Map<String, Object> endpoints = new LinkedHashMap<>();
      c.endpoints().forEach((network, e) -> endpoints.put(network, endpoint(e)));
      m.put("endpoints", endpoints);
    }
    c.networkMode().ifPresent(mode -> m.put("networkMode", mode));
    if (!c.dependsOn().isEmpty()) {
      Map<String, Object> deps = new LinkedHashMap<>();
      c.dependsOn().forEach(d -> deps.put(d.container(), d.condition().text()));
      m.put("dependsOn", deps);
    }
    runtime(c.runtime(), m);
  }

  private static Map<String, Object> endpoint(NetworkEndpoint e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!e.aliases().isEmpty()) {
      m.put("aliases", e.aliases());
    }
    e.ipv4Address().ifPresent(a -> m.put("ipv4Address", a));
    e.ipv6Address().ifPresent(a -> m.put("ipv6Address", a));
    return m;
  }

  private static void runtime(RuntimeSettings r, Map<String, Object> m) {
    r.hostname().ifPresent(v -> m.put("hostname", v));
    if (!r.expose().isEmpty()) {
      m.put("expose", r.expose().stream().map(Object::toString).toList());
    }
    r.stopSignal().ifPresent(v -> m.put("stopSignal", v));
    if (r.tty()) {
      m.put("tty", true);
    }
    if (r.stdinOpen()) {
      m.put("stdinOpen", true);
    }
    r.platform().ifPresent(v -> m.put("platform", v));
    if (!r.sysctls().isEmpty()) {
      m.put("sysctls", new LinkedHashMap<>(r.sysctls()));
    }
    if (!r.ulimits().isEmpty()) {
      m.put("ulimits", r.ulimits().stream().map(Object::toString).toList());
    }
    if (!r.dns().isEmpty()) {
      m.put("dns", r.dns());
    }
  }

  /**
   * The tree with every string that holds one of {@code values} replaced by {@code mask} (map keys
   * are names, never values, and stay; values shorter than three characters are not secrets worth
   * garbling every field for).
   */
  static Object redact(Object node, Set<String> values, String mask) {
    List<String> hidden =
        values.stream()
            .filter(v -> v.length() >= SHORTEST_HIDDEN)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return hidden.isEmpty() ? node : walk(node, hidden, mask);
  }

  private static Object walk(Object node, List<String> hidden, String mask) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, walk(v, hidden, mask)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(walk(v, hidden, mask)));
      return out;
    }
    if (node instanceof String text && hidden.stream().anyMatch(text::contains)) {
      return mask;
    }
    return node;
  }
}
