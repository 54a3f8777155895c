package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Where stow-cli left its distributions, and an environment to run them in. */
public final class Distributions {

  private Distributions() {}

  /** stow-cli/target, which failsafe passes. */
  public static Path target() {
    return Path.of(System.getProperty("stow.cli.target", "../stow-cli/target"))
        .toAbsolutePath()
        .normalize();
  }

  public static String version() {
    String version = System.getProperty("stow.version");
    if (version == null || version.isBlank()) {
      fail("no stow.version system property; run the tests through Maven (failsafe sets it)");
    }
    return version;
  }

  /** The single executable file: the launcher followed by the shaded jar. */
  public static Path singleFile() {
    return existing(target().resolve("stow"), "the single-file stow");
  }

  /**
   * The jlink tarball. When the build was told to skip it ({@code -Dstow.dist.skip}), the calling
   * test is skipped and says so; otherwise a missing tarball fails.
   */
  public static Path tarball() {
    Assumptions.assumeFalse(
        Boolean.parseBoolean(System.getProperty("stow.dist.skip", "false"))
            || "".equals(System.getProperty("stow.dist.skip")),
        "the build skipped the tarball (-Dstow.dist.skip); build it to test it");
    return existing(
        target().resolve("stow-" + version() + "-linux-x64.tar.gz"), "the jlink tarball");
  }

  /** The Java of this test run, which also built the class-data-sharing archive of target/stow. */
  public static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /**
   * An environment with only what a shell on a host has: PATH as given, HOME, and the Docker
   * engine's address when one is set.
   */
  public static Map<String, String> environment(String path, Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", path);
    env.put("HOME", home.toString());
    String dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost != null) {
      env.put("DOCKER_HOST", dockerHost);
    }
    return env;
  }

  private static Path existing(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      fail(
          "no %s at %s; build it with ./mvnw -B -pl stow-it -am verify (stow-cli packages it)",
          what, file);
    }
    return file;
  }
}
