package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.Distributions;
import io.stow.it.support.HostFacts;
import io.stow.it.support.Shell;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command, {@code examples/run-demo.sh}, run as CI runs it (root, a fresh
 * demo directory, the single-file stow the build left): the whole GitOps loop ends with the badge
 * green and the dashboard link; a second run changes nothing and still ends green; {@code --stop}
 * stops the daemon and removes the demo. Its names and ports are this test's, so it neither
 * collides with a demo someone runs by hand nor leaks containers (the test's name prefix).
 */
class DemoScriptIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final Duration RUN = Duration.ofMinutes(4);
  static final Pattern HEAD = Pattern.compile("badge of ([0-9a-f]{40}) says running");

  @TempDir Path temp;
  final Path root = Distributions.target().getParent().getParent();
  final String name = docker.name("demo");
  final int port = freePort();
  final int webPort = freePort();
  Path dir;
  Map<String, String> env;

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Shell.Result demo(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "examples/run-demo.sh"));
    command.addAll(List.of(args));
    return new Shell(temp.resolve("logs")).run(root, env, RUN, command);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      Shell.Result stopped = demo("--stop");
      assertThat(stopped.exitCode()).as("%s", stopped).isZero();
      assertThat(dir.resolve("daemon.pid")).doesNotExist();
    }
  }

  @Test
  void theDemo_showsTheWholeLoop_isIdempotent_andStops() throws Exception {
    DaemonConfigDir.requireRoot();
    Distributions.singleFile();
    TestImages.get();
    dir = temp.resolve("demo");
    env = new HashMap<>(Distributions.environment(System.getenv("PATH"), temp));
    env.put("STOW_TEST_ENV_DIR", TestImages.ENV_DIR.toString());
    env.put("STOW_DEMO_DIR", dir.toString());
    env.put("STOW_DEMO_PORT", Integer.toString(port));
    env.put("STOW_DEMO_NAME", name);
    env.put("STOW_DEMO_WEB_PORT", Integer.toString(webPort));
    String url = "http://127.0.0.1:" + port;

    Shell.Result first = demo();

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(first.output())
        .contains("git push: commit")
        .contains("remote: the host runs")
        .contains("the dashboard: " + url + "/")
        .contains("examples/run-demo.sh --stop");
    Matcher head = HEAD.matcher(first.stdout());
    assertThat(head.find()).as(first.stdout()).isTrue();
    String commit = head.group(1);
    try (Git repository = Git.open(dir.resolve("deployments.git").toFile())) {
      assertThat(repository.getRepository().resolve("refs/heads/main").name()).isEqualTo(commit);
    }
    DaemonClient client = new DaemonClient(url, Optional.empty());
    assertThat(client.badge(commit)).isEqualTo("running");
    JsonNode status = client.status(commit);
    assertThat(status.path("snapshot").path("revision").asText()).isEqualTo(commit);
    assertThat(status.path("last_result").asText()).isEqualTo("ok");
    HttpResponse<String> dashboard = client.send(client.request("/").header("Accept", "text/html"));
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains(commit).contains(name + "-web");
    assertThat(Files.readString(dir.resolve("daemon.log"))).contains("reconcile finished");
    Map<String, String> containers = HostFacts.fingerprint(docker, name);
    assertThat(containers).containsOnlyKeys(name + "-web", name + "-worker");

    Shell.Result again = demo();

    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.output())
        .contains("stopped the demo daemon")
        .contains("unchanged: no commit")
        .contains("badge of " + commit + " says running");
    assertThat(HostFacts.fingerprint(docker, name)).as("nothing replaced").isEqualTo(containers);
    assertThat(Files.readString(dir.resolve("daemon.log")))
        .contains("0 new, 0 replaced, 0 removed, 2 unchanged");
    String pid = Files.readString(dir.resolve("daemon.pid")).strip();

    Shell.Result stopped = demo("--stop");

    assertThat(stopped.exitCode()).as("%s", stopped).isZero();
    assertThat(Path.of("/proc", pid)).doesNotExist();
    assertThat(HostFacts.containers(docker, name)).isEmpty();
    env = null;
  }
}
