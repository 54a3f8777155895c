package io.stow.model.parse;

import io.stow.model.IpAddresses;
import io.stow.model.PublishSpec;
import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code ports}: the short form ({@code "127.0.0.1:8080:80/udp"}, read by {@link
 * PublishSpec} as {@code docker run -p} reads it) and the long form ({@code target}, {@code
 * published}, {@code host_ip}, {@code protocol}, {@code mode}), which is written in the short form
 * and read by the same rule.
 */
final class ServicePorts {

  private static final Set<String> LONG_KEYS =
      Set.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol");

  private ServicePorts() {}

  static List<PublishSpec> publish(Binding s) {
    List<PublishSpec> out = new ArrayList<>();
    for (Item item : s.list("ports")) {
      if (item.node() instanceof MapNode) {
        Binding.of(s.findings(), item.node(), item.path(), LONG_KEYS, Unknown.COMPOSE)
            .flatMap(ServicePorts::longForm)
            .flatMap(text -> s.parseItem(item, text, PublishSpec::parse))
            .ifPresent(out::add);
      } else {
        s.scalarText(item.node(), item.path())
            .map(String::strip)
            .filter(text -> !text.isEmpty())
            .flatMap(text -> s.parseItem(item, text, PublishSpec::parse))
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /** The long form written as the short one. */
  private static Optional<String> longForm(Binding p) {
    Optional<String> target = p.requiredString("target").map(String::strip);
    Optional<String> published = ContainerBinder.trimmed(p, "published");
    Optional<String> hostIp = ContainerBinder.trimmed(p, "host_ip");
    String protocol = ContainerBinder.trimmed(p, "protocol").orElse("tcp");
    ContainerBinder.trimmed(p, "mode")
        .filter(m -> !m.equals("host") && !m.equals("ingress"))
        .ifPresent(
            m -> p.problem("mode", "must be host or ingress (Compose ignores it on one host)"));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    hostIp.ifPresent(ip -> text.append(IpAddresses.isIpv6(ip) ? "[" + ip + "]" : ip).append(':'));
    if (published.isPresent()) {
      text.append(published.get()).append(':');
    } else if (hostIp.isPresent()) {
      text.append(':');
    }
    return Optional.of(text.append(target.get()).append('/').append(protocol).toString());
  }
}
