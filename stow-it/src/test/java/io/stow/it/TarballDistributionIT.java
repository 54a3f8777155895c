package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.dist.UndertowTlsProbe;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.Distributions;
import io.stow.it.support.Shell;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestCa;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink tarball as an operator gets it: unpacked on a PATH without Java, it runs --version,
 * validate, a dry run against the real Docker engine and a trigger over TLS against Undertow
 * running on the tarball's own runtime; it makes its class-data-sharing archive where it lands.
 */
class TarballDistributionIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

  /**
   * Modules jdeps finds in the shaded jar that the runtime leaves out, each only on a path stow
   * never takes: Jackson's optional java.beans annotations and java.sql types, snakeyaml's bean
   * introspection, JNA's AWT helpers (java.desktop, java.sql); compile-time annotations
   * (java.compiler); Kerberos authentication in httpclient5 and Undertow (java.security.jgss).
   */
  private static final Set<String> UNUSED_MODULES =
      Set.of("java.desktop", "java.compiler", "java.security.jgss", "java.sql");

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
  void tarball_makesItsArchiveOnTheFirstRunWhereItIsUnpacked_andAgainWhenMoved()
      throws IOException {
    Path home = unpackTarball();
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    Path archive = home.resolve("lib/stow.jsa");
    assertThat(archive).as("not shipped: it would name the build's path").doesNotExist();

    Shell.Result first = shell().run(temp, env, home.resolve("bin/stow").toString(), "--version");
    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(first.stdout()).isEqualTo("stow " + Distributions.version() + "\n");
    assertThat(first.stderr()).isEmpty();
    assertThat(archive).isRegularFile();
    assertThat(Files.getPosixFilePermissions(archive))
        .as("readable by users other than the one who made it")
        .contains(PosixFilePermission.OTHERS_READ);
    env.put("STOW_JAVA_OPTS", "-Xshare:on");
    Shell.Result mapped = shell().run(temp, env, home.resolve("bin/stow").toString(), "--version");
    assertThat(mapped.exitCode()).as("-Xshare:on: %s", mapped).isZero();

    Path moved = Files.move(home, home.resolveSibling("moved"));
    Shell.Result again = shell().run(temp, env, moved.resolve("bin/stow").toString(), "--version");
    assertThat(again.exitCode()).as("remade for the new place, -Xshare:on: %s", again).isZero();
    assertThat(Files.readString(moved.resolve("lib/stow.jsa.for")))
        .startsWith(moved.resolve("lib/stow.jar").toString());
  }

  @Test
  void tarball_runsWithNoJavaOnPath_includingTlsAgainstUndertowOnItsOwnRuntime() throws Exception {
    Path home = unpackTarball();
    Path stow = home.resolve("bin/stow");
    // the tools of a host, but no java
    Path tools = Files.createDirectories(temp.resolve("tools"));
    for (String tool : List.of("readlink", "mv", "rm")) {
      Files.createSymbolicLink(tools.resolve(tool), Path.of("/bin", tool).toRealPath());
    }
    Map<String, String> env = Distributions.environment(tools.toString(), temp);
    DeploymentFolder folder = deployment("tarball");

    Shell.Result version = shell().run(temp, env, stow.toString(), "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).isEqualTo("stow " + Distributions.version() + "\n");

    Shell.Result validate = shell().run(temp, env, stow.toString(), "validate", folder.toString());
    assertThat(validate.exitCode()).as("%s", validate).isZero();
    Shell.Result dryRun =
        shell()
            .run(
                temp,
                env,
                stow.toString(),
                "reconcile",
                "--dir",
                folder.toString(),
                "--dry-run",
                "--plan-json",
                "--state-dir",
                temp.resolve("state").toString());
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.stdout()).contains("\"dry_run\" : true");

    TestCa ca = new TestCa();
    Path caPem = ca.writeCaPem(temp.resolve("ca.pem"));
    Path keyStore = ca.writeServerKeyStore(temp.resolve("server.p12"));
    Process probe =
        new ProcessBuilder(
                home.resolve("runtime/bin/java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                UndertowTlsProbe.class.getName(),
                keyStore.toString(),
                TestCa.password())
            .redirectError(temp.resolve("probe.err").toFile())
            .start();
    try {
      String url = "https://127.0.0.1:" + probePort(probe) + "/";
      Shell.Result waited =
          shell()
              .run(
                  temp,
                  env,
                  stow.toString(),
                  "trigger",
                  "--url",
                  url,
                  "--head-hash",
                  HEAD,
                  "--wait",
                  "--cacert",
                  caPem.toString());
      assertThat(waited.exitCode()).as("%s", waited).isZero();
      assertThat(waited.stdout()).contains("the host runs 0123456789ab");

      Shell.Result untrusted =
          shell().run(temp, env, stow.toString(), "trigger", "--url", url, "--head-hash", HEAD);
      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.stderr())
          .contains("TLS: the server's certificate (subject \"" + TestCa.SERVER_SUBJECT + "\"")
          .contains("is not trusted by the Java runtime's CAs");
    } finally {
      probe.getOutputStream().close();
      if (!probe.waitFor(10, TimeUnit.SECONDS)) {
        probe.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void tarball_holdsAJlinkRuntimeWithTheModulesJdepsFindsLessTheUnusedOnes() throws Exception {
    Path home = unpackTarball();
    String release = Files.readString(home.resolve("runtime/release"));
    Set<String> modules =
        release
            .lines()
            .filter(l -> l.startsWith("MODULES="))
            .flatMap(l -> Arrays.stream(l.substring(8).replace("\"", "").split(" ")))
            .collect(Collectors.toCollection(TreeSet::new));
    Shell.Result jdeps =
        shell()
            .run(
                temp,
                Distributions.environment("/usr/bin:/bin", temp),
                Duration.ofMinutes(3),
                List.of(
                    Distributions.javaHome().resolve("bin/jdeps").toString(),
                    "--print-module-deps",
                    "--ignore-missing-deps",
                    "--multi-release",
                    "17",
                    home.resolve("lib/stow.jar").toString()));
    assertThat(jdeps.exitCode()).as("%s", jdeps).isZero();
    Set<String> needed = new TreeSet<>(Arrays.asList(jdeps.stdout().strip().split(",")));
    needed.removeAll(UNUSED_MODULES);

    assertThat(modules)
        .as("jdeps finds these in the jar; add new ones to stow.jlink.modules in stow-cli/pom.xml")
        .containsAll(needed)
        .contains("jdk.crypto.ec");
    assertThat(home.resolve("lib/stow.classlist")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/stow")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    System.out.printf(
        "tarball: %d bytes; unpacked %d bytes, of which runtime %d, lib/stow.jar %d; modules %s%n",
        Files.size(Distributions.tarball()),
        size(home),
        size(home.resolve("runtime")),
        Files.size(home.resolve("lib/stow.jar")),
        modules);
  }

  private Path unpackTarball() {
    Path opt = temp.resolve("opt");
    try {
      Files.createDirectories(opt);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Shell.Result untar =
        shell()
            .run(
                opt,
                Distributions.environment("/usr/bin:/bin", temp),
                "tar",
                "-xzf",
                Distributions.tarball().toString());
    assertThat(untar.exitCode()).as("%s", untar).isZero();
    return opt.resolve("stow-" + Distributions.version());
  }

  private int probePort(Process probe) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line)
        .as(
            () ->
                "the Undertow probe on the jlink runtime did not start: "
                    + readQuietly(temp.resolve("probe.err")))
        .startsWith("port ");
    return Integer.parseInt(line.substring(5).strip());
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(TarballDistributionIT::sizeOf).sum();
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
