package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.Distributions;
import io.stow.it.support.ExpectedHashes;
import io.stow.it.support.Shell;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-file stow as an operator gets it: copied alone into an empty directory, it runs
 * --version, validate, hash and a dry run against the real Docker engine with any Java 17+, and
 * says what to install when there is none.
 */
class SingleFileDistributionIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  @TempDir Path temp;

  private Shell shell() {
    return new Shell(temp.resolve("logs"));
  }

  private DeploymentFolder deployment(String name) {
    return DeploymentFolder.at(
        temp.resolve("deployments/" + name),
        StowYaml.deployment(docker.name(name))
            .container(
                StowYaml.Container.of(docker.name(name + "-web"), TestImages.get().first())
                    .command("sleep", "3600")));
  }

  @Test
  void singleFile_isTheLauncherFollowedByTheShadedJar() throws IOException {
    Path file = Distributions.singleFile();
    byte[] bytes = Files.readAllBytes(file);
    byte[] jar = Files.readAllBytes(Distributions.target().resolve("stow.jar"));

    assertThat(new String(bytes, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("#!/bin/sh\n");
    assertThat(Arrays.copyOfRange(bytes, bytes.length - jar.length, bytes.length))
        .as("the jar follows the launcher unchanged")
        .isEqualTo(jar);
    String launcher = new String(bytes, 0, bytes.length - jar.length, StandardCharsets.UTF_8);
    assertThat(launcher).contains("# stow " + Distributions.version() + " - ");
    assertThat(Files.getPosixFilePermissions(file))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    System.out.printf(
        "single-file stow: %d bytes (launcher %d, jar %d)%n",
        bytes.length, bytes.length - jar.length, jar.length);
  }

  @Test
  void singleFile_copiedAloneIntoAnEmptyDirectory_runsVersionValidateHashAndADryRun()
      throws IOException {
    Path dir = Files.createDirectories(temp.resolve("empty"));
    Files.copy(Distributions.singleFile(), dir.resolve("stow"));
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("JAVA_HOME", Distributions.javaHome().toString());
    // the caller's locale must not change how file names hash: the launcher forces UTF-8
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    DeploymentFolder folder = deployment("single").file("caf\u00e9.conf", "x=1\n");

    Shell.Result version = shell().run(dir, env, "./stow", "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).isEqualTo("stow " + Distributions.version() + "\n");

    Shell.Result validate = shell().run(dir, env, "./stow", "validate", folder.toString());
    assertThat(validate.exitCode()).as("%s", validate).isZero();
    assertThat(validate.stdout()).contains("is valid");

    Shell.Result hash = shell().run(dir, env, "./stow", "hash", folder.toString());
    assertThat(hash.exitCode()).as("%s", hash).isZero();
    assertThat(hash.stdout()).contains(ExpectedHashes.of(folder.path(), Set.of()).deployment());

    Shell.Result dryRun =
        shell()
            .run(
                dir,
                env,
                "./stow",
                "reconcile",
                "--dir",
                folder.toString(),
                "--dry-run",
                "--state-dir",
                temp.resolve("state").toString());
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.output()).contains("[dry run]").contains("(missing)");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("it needs nothing beside it").containsExactly(dir.resolve("stow"));
    }
  }

  @Test
  void singleFile_withoutJavaOrWithAnOldOne_saysWhatToInstall() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("no-java"));
    Files.copy(Distributions.singleFile(), dir.resolve("stow"));
    Path emptyPath = Files.createDirectories(temp.resolve("empty-path"));

    Shell.Result none =
        shell()
            .run(dir, Distributions.environment(emptyPath.toString(), temp), "./stow", "--version");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr())
        .contains("no Java found: install a Java 17 or later runtime")
        .contains("stow-" + Distributions.version() + "-linux-x64.tar.gz");

    Path old = Files.createDirectories(temp.resolve("java-11/bin"));
    Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
    Files.writeString(old.resolve("java"), "#!/bin/sh\necho must not run\nexit 3\n");
    old.resolve("java").toFile().setExecutable(true);
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("JAVA_HOME", old.getParent().toString());
    Shell.Result tooOld = shell().run(dir, env, "./stow", "--version");
    assertThat(tooOld.exitCode()).isEqualTo(2);
    assertThat(tooOld.stderr()).contains("is Java 11.0.22; stow needs Java 17 or later");
    assertThat(tooOld.stdout()).doesNotContain("must not run");
  }

  @Test
  void singleFile_startsFromItsArchiveWhereItWasBuilt_andIgnoresAnyOtherSilently()
      throws IOException {
    Path archive = Distributions.target().resolve("stow.jsa");
    assertThat(archive).as("the build makes target/stow.jsa").isRegularFile();
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("JAVA_HOME", Distributions.javaHome().toString());

    // in place, with the Java that built it: the JVM maps it (-Xshare:on fails otherwise)
    env.put("STOW_JAVA_OPTS", "-Xshare:on");
    Shell.Result on = shell().run(temp, env, Distributions.singleFile().toString(), "--version");
    assertThat(on.exitCode()).as("%s", on).isZero();

    // copied elsewhere with its archive: Java 17 accepts an archive only for the jar path it was
    // made with, so the JVM refuses it, and the launcher's auto mode runs without it, silently
    Path copy = Files.createDirectories(temp.resolve("copy"));
    Files.copy(
        Distributions.singleFile(), copy.resolve("stow"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(archive, copy.resolve("stow.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
    Shell.Result refused = shell().run(copy, env, "./stow", "--version");
    assertThat(refused.exitCode()).as("-Xshare:on with a foreign archive: %s", refused).isNotZero();
    env.remove("STOW_JAVA_OPTS");
    Shell.Result auto = shell().run(copy, env, "./stow", "--version");
    assertThat(auto.exitCode()).as("%s", auto).isZero();
    assertThat(auto.stdout()).isEqualTo("stow " + Distributions.version() + "\n");
    assertThat(auto.stderr()).isEmpty();
  }

  @Test
  void singleFile_runsTheDaemonWithoutItsArchive_andEveryOtherCommandWithIt() throws IOException {
    assertThat(Distributions.target().resolve("stow.jsa")).isRegularFile();
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("JAVA_HOME", Distributions.javaHome().toString());
    // the JVM prints the options it was started with: the archive appears there or not at all
    env.put("STOW_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    String archiveOption = "-XX:SharedArchiveFile=";

    Shell.Result version =
        shell().run(temp, env, Distributions.singleFile().toString(), "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).contains(archiveOption);

    Shell.Result daemon =
        shell()
            .run(
                temp,
                env,
                Distributions.singleFile().toString(),
                "daemon",
                "--config",
                temp.resolve("missing.yaml").toString());
    assertThat(daemon.exitCode()).as("a daemon without its configuration: %s", daemon).isNotZero();
    assertThat(daemon.stdout())
        .contains("-XX:+PrintCommandLineFlags")
        .doesNotContain(archiveOption);
  }
}
