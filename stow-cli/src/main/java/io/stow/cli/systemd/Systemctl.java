package io.stow.cli.systemd;

import java.util.List;

/** Runs {@code systemctl}; tests record the calls instead. */
@FunctionalInterface
public interface Systemctl {

  /** What one call printed (standard output and error together) and its exit status. */
  record Result(int exitCode, String output) {}

  /** Runs {@code systemctl ARGS} to the end. */
  Result run(List<String> args);
}
