package io.stow.cli.systemd;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The systemd unit that runs {@code stow daemon}: after Docker and the network, restarted always,
 * with JVM options for a small footprint. It runs the stow executable that installed it, so an
 * upgrade in place ({@code install} over the same path) needs only a restart.
 *
 * @param executable the absolute path of the stow executable (the single file or the tarball's
 *     {@code bin/stow})
 * @param config the absolute path of the daemon configuration
 * @param javaHome the Java the single file should use, when the installing shell chose one with
 *     {@code JAVA_HOME}; systemd starts services with an empty environment
 */
public record DaemonUnit(Path executable, Path config, Optional<Path> javaHome) {

  /** The unit's name. */
  public static final String NAME = "stow.service";

  /**
   * The JVM options of the daemon, in {@code STOW_JAVA_OPTS}. The daemon idles between polls and
   * triggers, so memory matters more than peak throughput: the serial collector has no concurrent
   * threads or remembered sets; a 16 MiB initial heap lets the heap grow only with the live set (a
   * large initial young generation would be touched bit by bit and stay resident), and a 4 MiB
   * young generation keeps what the requests and runs allocate from spreading over a larger one
   * (the live set is about 14 MiB, so its collections stay short; the benchmark suite measured 5
   * MiB less resident when idle and 6 to 8 MiB less after 300 reconciles); 256 MiB caps a runaway,
   * and an out-of-memory error ends the process for systemd to restart rather than leaving a
   * half-working daemon; C1 alone compiles less and keeps a smaller code cache; 512 KiB stacks suit
   * its shallow call depths.
   */
  public static final String JAVA_OPTIONS =
      "-XX:+UseSerialGC -Xms16m -Xmx256m -Xmn4m -XX:TieredStopAtLevel=1 -Xss512k"
          + " -XX:+ExitOnOutOfMemoryError";

  /** The variable the stow launcher reads JVM options from. */
  public static final String JAVA_OPTIONS_VARIABLE = "STOW_JAVA_OPTS";

  /**
   * glibc's limit on malloc arenas: two instead of eight per core, so the native memory the
   * daemon's threads allocate (TLS, zlib, the JIT) is not spread over arenas that each keep their
   * free pages.
   */
  public static final String MALLOC_ARENAS = "2";

  /**
   * The environment the unit gives the daemon's JVM, in the order the unit lists it: {@link
   * #JAVA_OPTIONS} in {@value #JAVA_OPTIONS_VARIABLE} and {@code MALLOC_ARENA_MAX}. The benchmark
   * suite starts its daemon with exactly this, so what it measures is what hosts run.
   */
  public static Map<String, String> jvmEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(JAVA_OPTIONS_VARIABLE, JAVA_OPTIONS);
    env.put("MALLOC_ARENA_MAX", MALLOC_ARENAS);
    return env;
  }

  public DaemonUnit {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(javaHome, "javaHome");
    if (!executable.isAbsolute() || !config.isAbsolute()) {
      throw new IllegalArgumentException("the unit needs absolute paths");
    }
  }

  /** The unit file's text. */
  public String render() {
    StringBuilder unit = new StringBuilder();
    unit.append("# Written by stow install-systemd; running it again rewrites this file.\n")
        .append("# Change settings with a drop-in instead: systemctl edit stow.service\n")
        .append("[Unit]\n")
        .append("Description=stow: GitOps reconciler for this Docker host\n")
        .append("Requires=docker.service\n")
        .append("After=docker.service network-online.target\n")
        .append("Wants=network-online.target\n")
        .append("\n")
        .append("[Service]\n")
        .append("Type=simple\n")
        .append("User=root\n")
        .append("WorkingDirectory=/root\n")
        .append("Environment=HOME=/root\n")
        .append("Environment=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
    javaHome.ifPresent(
        home ->
            unit.append("Environment=")
                .append(UnitQuoting.assignment("JAVA_HOME", home.toString()))
                .append('\n'));
    jvmEnvironment()
        .forEach(
            (name, value) ->
                unit.append("Environment=")
                    .append(UnitQuoting.assignment(name, value))
                    .append('\n'));
    unit.append("ExecStart=")
        .append(UnitQuoting.word(executable.toString()))
        .append(" daemon --config ")
        .append(UnitQuoting.word(config.toString()))
        .append('\n')
        .append("Restart=always\n")
        .append("RestartSec=5\n")
        // the daemon writes only under its state directory and private temporary files
        .append("NoNewPrivileges=yes\n")
        .append("PrivateTmp=yes\n")
        .append("ProtectSystem=full\n")
        .append("\n")
        .append("[Install]\n")
        .append("WantedBy=multi-user.target\n");
    return unit.toString();
  }
}
