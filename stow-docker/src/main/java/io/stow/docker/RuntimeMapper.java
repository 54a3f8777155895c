package io.stow.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.stow.model.RuntimeSettings;
import java.util.LinkedHashMap;

/**
 * Maps {@link RuntimeSettings} (the container settings a Compose file may add) onto Docker's create
 * request; nothing is sent for a value left at Docker's default.
 */
final class RuntimeMapper {

  private RuntimeMapper() {}

  static void apply(RuntimeSettings runtime, CreateContainerCmd cmd) {
    runtime.hostname().ifPresent(cmd::withHostName);
    runtime.stopSignal().ifPresent(cmd::withStopSignal);
    runtime.platform().ifPresent(cmd::withPlatform);
    if (runtime.tty()) {
      cmd.withTty(true);
    }
    if (runtime.stdinOpen()) {
      cmd.withStdinOpen(true);
    }
  }

  static void apply(RuntimeSettings runtime, HostConfig host) {
    if (!runtime.sysctls().isEmpty()) {
      host.withSysctls(new LinkedHashMap<>(runtime.sysctls()));
    }
    if (!runtime.ulimits().isEmpty()) {
      host.withUlimits(
          runtime.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
    }
    if (!runtime.dns().isEmpty()) {
      host.withDns(runtime.dns());
    }
  }
}
