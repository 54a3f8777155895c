package io.stow.it.bench.harness;

import io.stow.cli.systemd.DaemonUnit;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every benchmark of one run shares: a scratch directory, the run's Docker label, the test
 * image (already pulled), the checkout (for the packaged {@code stow}), and the daemon's
 * environment as the systemd unit sets it.
 */
public record BenchContext(Path work, BenchDocker docker, ImageRef image, Path repoRoot) {

  /** Replaces the unit's JVM options, for trying flags ({@code -Dstow.bench.daemon.javaOpts}). */
  static final String JAVA_OPTS_OVERRIDE = "stow.bench.daemon.javaOpts";

  public BenchContext {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(docker, "docker");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(repoRoot, "repoRoot");
  }

  /** The single-file {@code stow} the build packaged (its archive {@code stow.jsa} beside it). */
  public Path launcher() {
    Path stow = repoRoot.resolve("stow-cli/target/stow");
    if (!Files.isExecutable(stow)) {
      throw new IllegalStateException(
          "no packaged stow at " + stow + "; build it: ./mvnw -B -q package -DskipTests");
    }
    return stow;
  }

  /** A new directory under the run's scratch directory. */
  public Path dir(String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  /**
   * The environment {@code stow install-systemd} writes into the unit for the daemon's JVM, read
   * from the unit itself so the benchmark cannot drift from what hosts run.
   */
  public static Map<String, String> daemonEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(DaemonUnit.jvmEnvironment());
    String override = System.getProperty(JAVA_OPTS_OVERRIDE, "");
    if (!override.isBlank()) {
      env.put(DaemonUnit.JAVA_OPTIONS_VARIABLE, override);
    }
    return env;
  }
}
