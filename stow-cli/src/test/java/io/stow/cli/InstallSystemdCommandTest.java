package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.cli.systemd.DaemonUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow install-systemd} with a recording fake {@code systemctl} (a real shell script, first
 * on the PATH the command sees) and a temporary unit directory.
 */
class InstallSystemdCommandTest {

  private static final String TOKEN = "SENTINEL-glpat-install";

  @TempDir Path temp;

  private final Map<String, String> env = new HashMap<>();
  private Path units;
  private Path calls;
  private Path config;
  private Path executable;

  @BeforeEach
  void fakeHost() throws IOException {
    units = Files.createDirectory(temp.resolve("units"));
    calls = temp.resolve("systemctl.calls");
    Path bin = Files.createDirectory(temp.resolve("bin"));
    fakeSystemctl(bin, "");
    env.put("PATH", bin + ":/usr/bin:/bin");
    config = temp.resolve("etc/daemon.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        "gitlabBase: https://git.example.com/api/v4\nproject: ops/deployments\ngitlabToken: "
            + TOKEN
            + "\nsubfolder: host-1\n");
    executable = temp.resolve("opt/stow");
    Files.createDirectories(executable.getParent());
    Files.writeString(executable, "#!/bin/sh\n");
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put("STOW_EXECUTABLE", executable.toString());
  }

  /** A systemctl that appends its arguments to the calls file; {@code failOn} makes it fail. */
  private void fakeSystemctl(Path bin, String failOn) throws IOException {
    Path script = bin.resolve("systemctl");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo \"$*\" >> '"
            + calls
            + "'\n"
            + (failOn.isEmpty()
                ? ""
                : "if [ \"$1\" = '"
                    + failOn
                    + "' ]; then echo 'Failed to "
                    + failOn
                    + " unit: Unit file stow.service is masked.' >&2; exit 1; fi\n")
            + "exit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private CliRun run(String... args) {
    return CliRun.of(
        console ->
            new CliComposition(console) {
              @Override
              Map<String, String> environment() {
                return env;
              }
            },
        args);
  }

  private List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void install_writesTheUnit0644_thenReloadsEnablesAndRestartsInOrder() throws IOException {
    CliRun run =
        run("install-systemd", "--config", config.toString(), "--unit-dir", units.toString());

    assertThat(run.status()).as("%s", run).isZero();
    Path unit = units.resolve("stow.service");
    assertThat(Files.getPosixFilePermissions(unit))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.readString(unit))
        .contains("\nRequires=docker.service\n")
        .contains("\nAfter=docker.service network-online.target\n")
        .contains("\nWants=network-online.target\n")
        .contains("\nRestart=always\n")
        .contains("\nEnvironment=\"STOW_JAVA_OPTS=" + DaemonUnit.JAVA_OPTIONS + "\"\n")
        .contains("\nExecStart=" + executable + " daemon --config " + config + "\n")
        .contains("\nWantedBy=multi-user.target\n")
        .doesNotContain(TOKEN);
    assertThat(calls())
        .containsExactly("daemon-reload", "enable stow.service", "restart stow.service");
    assertThat(run.out())
        .contains("wrote " + unit)
        .contains("systemctl daemon-reload\nsystemctl enable stow.service\nsystemctl restart")
        .contains("journalctl -u stow -f");
    try (var leftovers = Files.list(units)) {
      assertThat(leftovers).containsExactly(unit);
    }
  }

  @Test
  void install_stopsAtTheFirstFailingCallWithItsOutput() throws IOException {
    fakeSystemctl(temp.resolve("bin"), "enable");

    CliRun run =
        run("install-systemd", "--config", config.toString(), "--unit-dir", units.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(calls()).containsExactly("daemon-reload", "enable stow.service");
    assertThat(run.err())
        .contains("systemctl enable stow.service failed (exit 1):")
        .contains("Unit file stow.service is masked.")
        .contains("run stow install-systemd again");
  }

  @Test
  void print_printsTheUnitAndChangesNothing() throws IOException {
    CliRun run =
        run(
            "install-systemd",
            "--config",
            config.toString(),
            "--unit-dir",
            units.toString(),
            "--print");

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(run.out()).startsWith("# Written by stow install-systemd").contains("ExecStart=");
    try (var written = Files.list(units)) {
      assertThat(written).isEmpty();
    }
    assertThat(calls()).isEmpty();
  }

  @Test
  void install_refusesAnInvalidConfigBeforeWritingAnything() throws IOException {
    Files.writeString(config, "gitlabBase: https://git.example.com/api/v4\nprojekt: x\n");

    CliRun run =
        run("install-systemd", "--config", config.toString(), "--unit-dir", units.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains(config + ":2:1: unknown key")
        .contains("did you mean 'project'?");
    try (var written = Files.list(units)) {
      assertThat(written).isEmpty();
    }
    assertThat(calls()).isEmpty();
  }

  @Test
  void install_makesARelativeConfigAbsolute_andQuotesPathsForSystemd() throws IOException {
    Path odd = temp.resolve("my stow 100%/stow");
    Files.createDirectories(odd.getParent());
    Files.copy(executable, odd);
    Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put("STOW_EXECUTABLE", odd.toString());
    env.put("JAVA_HOME", "/opt/java $HOME");
    String relative = Path.of("").toAbsolutePath().relativize(config).toString();

    CliRun run = run("install-systemd", "--config", relative, "--print");

    assertThat(run.status()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "\nExecStart=\"" + temp + "/my stow 100%%/stow\" daemon --config " + config + "\n")
        .contains("\nEnvironment=\"JAVA_HOME=/opt/java $HOME\"\n");
  }

  @Test
  void install_withoutTheLauncher_saysToRunTheInstalledStow() {
    env.remove("STOW_EXECUTABLE");

    CliRun run = run("install-systemd", "--config", config.toString(), "--print");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("run it as the installed stow");
  }

  @Test
  void install_withoutSystemctl_pointsAtPrint() {
    env.put("PATH", temp.resolve("nothing-here").toString());

    CliRun run =
        run("install-systemd", "--config", config.toString(), "--unit-dir", units.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("no systemctl on PATH").contains("--print");
  }

  @Test
  void install_intoAMissingDirectory_saysSo() {
    CliRun run =
        run(
            "install-systemd",
            "--config",
            config.toString(),
            "--unit-dir",
            temp.resolve("missing").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("does not exist; is this a systemd host?");
  }
}
