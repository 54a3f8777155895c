package io.stow.model.parse;

import io.stow.model.LogDrivers;
import io.stow.model.LoggingSpec;
import io.stow.model.parse.Binding.Unknown;
import java.util.Optional;
import java.util.Set;

/** Binds a container's {@code logging}: a driver Docker ships, or a plugin (with a warning). */
final class LoggingBinder {

  private static final Set<String> KEYS = Set.of("driver", "options");

  private LoggingBinder() {}

  static Optional<LoggingSpec> bind(Binding c) {
    Optional<Binding> bound = c.nested("logging", KEYS, Unknown.ERROR);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Binding l = bound.get();
    Optional<String> driver = l.requiredString("driver").map(String::strip);
    if (driver.isEmpty()) {
      return Optional.empty();
    }
    Optional<LoggingSpec> spec =
        l.parse("driver", driver.get(), d -> new LoggingSpec(d, l.stringMap("options")));
    spec.filter(s -> !s.builtIn())
        .ifPresent(
            s ->
                l.warn(
                    "driver",
                    "'"
                        + s.driver()
                        + "' is not a log driver Docker ships (it is "
                        + LogDrivers.builtInNames()
                        + "); it is taken as a plugin, which the reconcile checks is installed on"
                        + " the host before it changes anything"));
    return spec;
  }
}
