package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.support.Distributions;
import io.stow.it.support.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow install-systemd} through the single-file stow, as an operator runs it after
 * installing that file, with a recording fake {@code systemctl} first on PATH and a temporary unit
 * directory: what the unit says, its mode under the launcher's umask 077, and the calls in order.
 */
class InstallSystemdIT {

  @TempDir Path temp;

  private Path stow;
  private Path config;
  private Path units;
  private Path calls;
  private Map<String, String> env;

  @BeforeEach
  void host() throws IOException {
    Path bin = Files.createDirectories(temp.resolve("usr/local/bin"));
    stow = bin.resolve("stow");
    Files.copy(Distributions.singleFile(), stow);
    Path fakeBin = Files.createDirectories(temp.resolve("fake-bin"));
    calls = temp.resolve("systemctl.calls");
    Path systemctl = fakeBin.resolve("systemctl");
    Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    config = Files.createDirectories(temp.resolve("etc/stow")).resolve("daemon.yaml");
    Files.writeString(
        config,
        "gitlabBase: https://git.example.com/api/v4\n"
            + "project: ops/deployments\n"
            + "gitlabToken: glpat-SENTINEL-unit\n"
            + "subfolder: deploy-host\n");
    units = Files.createDirectories(temp.resolve("etc/systemd/system"));
    env = Distributions.environment(fakeBin + ":/usr/bin:/bin", temp);
    env.put("JAVA_HOME", Distributions.javaHome().toString());
  }

  @Test
  void install_writesA0644UnitForThisExecutable_thenReloadsEnablesAndRestarts() throws IOException {
    Shell.Result run =
        new Shell(temp.resolve("logs"))
            .run(
                temp.resolve("etc"),
                env,
                stow.toString(),
                "install-systemd",
                "--config",
                "stow/daemon.yaml",
                "--unit-dir",
                units.toString());

    assertThat(run.exitCode()).as("%s", run).isZero();
    Path unit = units.resolve("stow.service");
    assertThat(Files.getPosixFilePermissions(unit))
        .as("readable by all whatever the umask")
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(calls))
        .as("the launcher's umask 077 reached systemctl, which created this file")
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String text = Files.readString(unit, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\nRequires=docker.service\n")
        .contains("\nAfter=docker.service network-online.target\n")
        .contains("\nRestart=always\n")
        .contains("\nEnvironment=\"STOW_JAVA_OPTS=-XX:+UseSerialGC ")
        .contains("\nEnvironment=\"JAVA_HOME=" + Distributions.javaHome() + "\"\n")
        .contains("\nExecStart=" + stow + " daemon --config " + config + "\n")
        .doesNotContain("SENTINEL");
    assertThat(Files.readAllLines(calls))
        .containsExactly("daemon-reload", "enable stow.service", "restart stow.service");
  }

  @Test
  void print_printsTheUnitAndWritesNothing() throws IOException {
    Shell.Result run =
        new Shell(temp.resolve("logs"))
            .run(
                temp,
                env,
                stow.toString(),
                "install-systemd",
                "--config",
                config.toString(),
                "--unit-dir",
                units.toString(),
                "--print");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("ExecStart=" + stow + " daemon --config " + config);
    try (Stream<Path> written = Files.list(units)) {
      assertThat(written).isEmpty();
    }
    assertThat(calls).doesNotExist();
  }

  @Test
  void tarball_namesItsOwnBinStowInTheUnit() throws IOException {
    Path tarball = Distributions.tarball();
    Path opt = Files.createDirectories(temp.resolve("opt"));
    Shell shell = new Shell(temp.resolve("logs"));
    assertThat(shell.run(opt, env, "tar", "-xzf", tarball.toString()).exitCode()).isZero();
    Path binStow = opt.resolve("stow-" + Distributions.version() + "/bin/stow");
    Path link = temp.resolve("usr/local/bin/stow-linked");
    Files.createSymbolicLink(link, binStow);

    Shell.Result run =
        shell.run(
            temp,
            env,
            link.toString(),
            "install-systemd",
            "--config",
            config.toString(),
            "--print");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(List.of(run.stdout().split("\n")))
        .contains("ExecStart=" + link + " daemon --config " + config);
  }
}
