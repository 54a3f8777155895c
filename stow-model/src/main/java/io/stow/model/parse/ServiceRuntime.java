package io.stow.model.parse;

import io.stow.model.ExposedPort;
import io.stow.model.RuntimeSettings;
import io.stow.model.Signals;
import io.stow.model.Sysctls;
import io.stow.model.Ulimit;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.ComposeValues.Pair;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code hostname}, {@code expose}, {@code stop_signal}, {@code tty}, {@code
 * stdin_open}, {@code platform}, {@code sysctls}, {@code ulimits} and {@code dns}.
 */
final class ServiceRuntime {

  private ServiceRuntime() {}

  static Optional<RuntimeSettings> bind(Binding s, boolean hostNetwork) {
    Optional<String> hostname = ContainerBinder.trimmed(s, "hostname");
    hostname
        .filter(h -> h.length() > 253 || !RuntimeSettings.HOSTNAME.matcher(h).matches())
        .ifPresent(
            h ->
                s.problem(
                    "hostname",
                    "'" + h + "' is not a valid host name (RFC 1123: letters, digits, '-', '.')"));
    List<ExposedPort> expose = new ArrayList<>();
    for (Text entry : s.trimmedList("expose")) {
      s.parseItem(entry.item(), entry.text(), ExposedPort::parse).ifPresent(expose::add);
    }
    Optional<String> stopSignal =
        ContainerBinder.trimmed(s, "stop_signal")
            .flatMap(v -> s.parse("stop_signal", v, Signals::check));
    Optional<String> platform = ContainerBinder.trimmed(s, "platform");
    platform
        .filter(p -> !RuntimeSettings.PLATFORM.matcher(p).matches())
        .ifPresent(
            p ->
                s.problem(
                    "platform",
                    "'" + p + "' is not a platform; write os/arch[/variant], e.g. linux/amd64"));
    Map<String, String> sysctls = new LinkedHashMap<>();
    for (Pair pair : ComposeValues.pairs(s, "sysctls", '=')) {
      try {
        Sysctls.check(pair.key(), hostNetwork);
        sysctls.put(pair.key(), pair.value().orElse("").strip());
      } catch (IllegalArgumentException e) {
        s.problemAt(pair.node(), pair.path(), e.getMessage());
      }
    }
    List<String> dns = new ArrayList<>();
    for (Text server : ComposeValues.stringOrList(s, "dns")) {
      if (io.stow.model.IpAddresses.isIp(server.text())) {
        dns.add(server.text());
      } else {
        s.problemAt(
            server.item().node(),
            server.item().path(),
            "DNS server '" + server.text() + "' is not an IP address");
      }
    }
    List<Ulimit> ulimits = ulimits(s);
    if (!s.findings().errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RuntimeSettings(
            hostname,
            expose,
            stopSignal,
            s.bool("tty", false),
            s.bool("stdin_open", false),
            platform,
            sysctls,
            ulimits,
            dns));
  }

  /** {@code name: N} (soft and hard) or {@code name: {soft: N, hard: M}}. */
  private static List<Ulimit> ulimits(Binding s) {
    List<Ulimit> out = new ArrayList<>();
    Optional<YamlNode> node = s.node("ulimits");
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return out;
    }
    if (!(node.get() instanceof MapNode map)) {
      s.problem("ulimits", "must be a mapping of limit names to a number or {soft, hard}");
      return out;
    }
    for (Entry entry : map.entries().values()) {
      String at = s.child("ulimits") + "." + entry.key();
      try {
        if (entry.value() instanceof ScalarNode scalar) {
          long value = number(scalar.text());
          out.add(new Ulimit(entry.key(), value, value));
        } else if (entry.value() instanceof MapNode limits
            && limits.entries().keySet().equals(java.util.Set.of("soft", "hard"))
            && limits.entries().get("soft").value() instanceof ScalarNode soft
            && limits.entries().get("hard").value() instanceof ScalarNode hard) {
          out.add(new Ulimit(entry.key(), number(soft.text()), number(hard.text())));
        } else {
          throw new IllegalArgumentException(
              "ulimit " + entry.key() + " must be a number or {soft: N, hard: M}");
        }
      } catch (IllegalArgumentException e) {
        s.problemAt(entry.value(), at, e.getMessage());
      }
    }
    return out;
  }

  private static long number(String text) {
    String value = text.strip();
    if (!value.matches("-?[0-9]{1,18}")) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number");
    }
    return Long.parseLong(value);
  }
}
