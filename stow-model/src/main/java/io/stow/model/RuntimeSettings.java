package io.stow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container settings a Compose file may use beyond stow.yaml's: host name, exposed ports, stop
 * signal, terminal, platform, kernel parameters, resource limits and DNS servers. Each value is
 * checked as Docker checks it.
 *
 * @param platform {@code os/arch[/variant]}, e.g. {@code linux/amd64}
 * @param dns DNS server addresses
 */
public record RuntimeSettings(
    Optional<String> hostname,
    List<ExposedPort> expose,
    Optional<String> stopSignal,
    boolean tty,
    boolean stdinOpen,
    Optional<String> platform,
    Map<String, String> sysctls,
    List<Ulimit> ulimits,
    List<String> dns) {

  /** Docker's defaults: nothing set. */
  public static final RuntimeSettings NONE =
      new RuntimeSettings(
          Optional.empty(),
          List.of(),
          Optional.empty(),
          false,
          false,
          Optional.empty(),
          Map.of(),
          List.of(),
          List.of());

  /** RFC 1123 host names, as Docker checks a container's. */
  public static final Pattern HOSTNAME =
      Pattern.compile(
          "([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])"
              + "(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*");

  /** {@code os/arch[/variant]}. */
  public static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");

  public RuntimeSettings {
    Objects.requireNonNull(hostname, "hostname");
    expose = List.copyOf(expose);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(platform, "platform");
    sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    ulimits = List.copyOf(ulimits);
    dns = List.copyOf(dns);
    hostname
        .filter(h -> h.length() > 253 || !HOSTNAME.matcher(h).matches())
        .ifPresent(
            h -> {
              throw new IllegalArgumentException(
                  "'" + h + "' is not a valid host name (RFC 1123: letters, digits, '-', '.')");
            });
    stopSignal.ifPresent(Signals::check);
    platform
        .filter(p -> !PLATFORM.matcher(p).matches())
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(
                  "'" + p + "' is not a platform; write os/arch[/variant], e.g. linux/amd64");
            });
    for (String server : dns) {
      if (!IpAddresses.isIp(server)) {
        throw new IllegalArgumentException("DNS server '" + server + "' is not an IP address");
      }
    }
  }

  /** Whether every value is Docker's default. */
  public boolean isDefault() {
    return equals(NONE);
  }
}
