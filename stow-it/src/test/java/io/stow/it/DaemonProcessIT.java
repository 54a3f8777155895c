package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import io.stow.model.StowLabels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} as the separate process systemd runs: it refuses to start on an unlocked
 * configuration directory or plain HTTP beyond loopback, and after SIGKILL in the middle of an
 * apply, the next start rolls back before it reports ready and ends verified.
 *
 * <p>Containers the process creates cannot carry the test label; their names start with {@link
 * TestDocker#name}, by which {@link TestDocker} also cleans up.
 */
class DaemonProcessIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-process-5c0d";
  static final String TRIGGER = "trigger-SENTINEL-process-9e8f";
  static final Pattern LISTENING = Pattern.compile("listening on (https?://[0-9.]+:[0-9]+)");
  static final Duration CONVERGE = Duration.ofSeconds(120);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  final List<StowProcess> processes = new ArrayList<>();
  final List<String> outputs = new ArrayList<>();

  @TempDir Path temp;

  DaemonProcessIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      for (StowProcess p : processes) {
        outputs.add(
            (p.isAlive() ? p.terminate(Duration.ofSeconds(60)) : p.outputSoFar()).toString());
      }
      outputs.forEach(System.out::println); // the daemons' logs, for a failure's report
      assertThat(outputs)
          .allSatisfy(o -> assertThat(o).doesNotContain(TOKEN).doesNotContain(TRIGGER));
    } finally {
      gitlab.close();
    }
  }

  DaemonConfigDir config(String dir) {
    return DaemonConfigDir.at(
            temp.resolve(dir), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"))
        .set("triggerToken", TRIGGER);
  }

  StowProcess.Result refusedStart(Path config, String label) {
    StowProcess.Result result =
        StowProcess.run(
            temp.resolve("logs"),
            label,
            Duration.ofSeconds(60),
            "daemon",
            "--config",
            config.toString());
    outputs.add(result.toString());
    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    return result;
  }

  /** A locked-down directory, then {@code breakIt} undoes one rule (root may, in a 0500 dir). */
  Path unlocked(String name, Consumer<Path> breakIt) {
    Path config = config(name).write();
    breakIt.accept(config);
    return config;
  }

  @Test
  void everyLockdownViolation_refusesStart_namingThePathAndTheFix_withoutTheToken() {
    Path wrongOwner = unlocked("wrong-owner", c -> set(c, "unix:uid", 65534));
    Path openFile = unlocked("open-file", c -> perms(c, "rw-r--r--"));
    Path openDir = unlocked("open-dir", c -> perms(c.getParent(), "rwxr-xr-x"));
    Path symlink =
        unlocked(
            "symlink",
            c -> {
              try {
                Files.createSymbolicLink(c.getParent().resolve("extra.yaml"), c);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });

    StowProcess.Result owner = refusedStart(wrongOwner, "wrong-owner");
    StowProcess.Result file = refusedStart(openFile, "open-file");
    StowProcess.Result dir = refusedStart(openDir, "open-dir");
    StowProcess.Result link = refusedStart(symlink, "symlink");

    assertThat(owner.stderr())
        .contains(wrongOwner + " [owner ")
        .contains("uid 65534")
        .contains("must be owned by root")
        .contains("chown root:root '" + wrongOwner + "'");
    assertThat(file.stderr())
        .contains(openFile + " [owner root (uid 0), mode 0644]")
        .contains("must be 0400")
        .contains("chmod 0400 '" + openFile + "'");
    assertThat(dir.stderr())
        .contains(openDir.getParent() + " [owner root (uid 0), mode 0755]")
        .contains("must be 0500")
        .contains("chmod 0500 '" + openDir.getParent() + "'");
    assertThat(link.stderr())
        .contains(symlink.getParent().resolve("extra.yaml").toString())
        .contains("a symbolic link")
        .contains("cp --remove-destination");
    for (StowProcess.Result r : List.of(owner, file, dir, link)) {
      assertThat(r.stderr()).contains("refusing to start").contains("chown -R root:root");
    }
    assertThat(gitlab.requests()).as("nothing was read, nothing was asked").isEmpty();
    assertThat(temp.resolve("state")).doesNotExist();
  }

  @Test
  void plainHttpBeyondLoopback_refusesStart_sayingHowToFixIt() {
    Path config = config("public").set("listen", "0.0.0.0:0").write();

    StowProcess.Result result = refusedStart(config, "public");

    assertThat(result.stderr())
        .contains("refusing to serve plain HTTP on 0.0.0.0:0")
        .contains("set tlsCrt and tlsKey")
        .contains("listen: 127.0.0.1:0");
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void sigkillMidApply_thenARestart_rollsBackBeforeReady_andEndsVerifiedWithoutOrphansOrLock()
      throws Exception {
    String deployment = docker.name("killed");
    String app = docker.name(deployment + "-app");
    String side = docker.name(deployment + "-side");
    String extra = docker.name(deployment + "-extra");
    Path state = temp.resolve("state");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(sleeper(app, image1))
                    .container(sleeper(side, image1))
                    .render()));
    Path config = config("etc").write();
    DaemonClient first = startDaemon(config, "first");
    first.awaitIdle(CONVERGE);
    JsonNode deployed = first.status(v1);
    assertThat(deployed.path("state").asText()).as("%s", deployed).isEqualTo("running");
    String hash1 = deployed.path("current_hash").asText();

    // v2 replaces both and adds one; its stable window is far longer than the test waits
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("5m", "4m")
                    .container(sleeper(app, image2))
                    .container(sleeper(side, image2))
                    .container(sleeper(extra, image2))
                    .render()));
    assertThat(first.trigger(v2, Optional.of(TRIGGER)).statusCode()).isEqualTo(202);
    docker.await(extra, "running (v2 applied, verifying)", CONVERGE, c -> c.running());
    assertThat(first.badge(v2)).isEqualTo("reconciling");
    assertThat(Files.exists(state.resolve("running-config.previous"), LinkOption.NOFOLLOW_LINKS))
        .isTrue();

    processes.get(0).kill();
    assertThat(state.resolve(".stow/lock")).exists();

    // meanwhile v3 is merged; the restart must roll back v2 first, then deploy v3
    String v3 =
        project.commit(
            "main",
            "v3",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(sleeper(app, image1).env("V", "3"))
                    .container(sleeper(side, image1))
                    .render()));
    DaemonClient second = startDaemon(config, "second");
    second.awaitReady(CONVERGE);
    JsonNode end =
        second.awaitStatus(
            v3,
            "running",
            CONVERGE,
            s ->
                s.path("phase").asText().equals("idle")
                    && s.path("state").asText().equals("running"));

    String log = processes.get(1).outputSoFar().stdout();
    assertThat(log).contains("rolled back an apply that an earlier run left open");
    assertThat(log.indexOf("rolled back an apply")).isLessThan(log.indexOf("info ready"));
    assertThat(end.path("last_result").asText()).isEqualTo("ok");
    assertThat(end.path("snapshot").path("revision").asText()).isEqualTo(v3);
    String hash3 = end.path("current_hash").asText();
    assertThat(hash3).isNotEqualTo(hash1);
    assertThat(HostFacts.containers(docker, deployment))
        .containsOnlyKeys(app, side)
        .allSatisfy(
            (name, c) -> {
              assertThat(c.running()).isTrue();
              assertThat(c.labels()).containsEntry(StowLabels.HASH, "v1:" + hash3);
            });
    assertThat(docker.host().inspect(extra)).as("no orphan of v2").isEmpty();
    assertThat(Files.exists(state.resolve("running-config.previous"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(state.resolve(".stow/lock")).doesNotExist();
    assertThat(second.badge(v2)).isEqualTo("different");
  }

  StowYaml.Container sleeper(String name, ImageRef image) {
    return StowYaml.Container.of(name, image).command("sleep", "3600");
  }

  DaemonClient startDaemon(Path config, String label) throws InterruptedException {
    StowProcess process =
        StowProcess.start(temp.resolve("logs"), label, "daemon", "--config", config.toString());
    processes.add(process);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      StowProcess.Result so = process.outputSoFar();
      Matcher m = LISTENING.matcher(so.stdout());
      if (m.find()) {
        return new DaemonClient(m.group(1), Optional.empty());
      }
      if (!process.isAlive()) {
        fail("the daemon exited: %s", so);
      }
      Thread.sleep(100);
    }
    return fail("the daemon did not listen within 60 s: %s", process.outputSoFar());
  }

  static void set(Path path, String attribute, Object value) {
    try {
      Files.setAttribute(path, attribute, value, LinkOption.NOFOLLOW_LINKS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void perms(Path path, String perms) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
