package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.StowProcess;
import io.stow.it.support.TestDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world Compose projects, adapted from the widely used public collection of Compose samples
 * (web apps with a database, proxies, WordPress, Prometheus/Grafana, Flask/Redis, ...) with their
 * build contexts and files, images pinned: each valid one passes {@code stow validate} (the
 * packaged CLI) and a dry run on the real engine, which builds and checks every create request
 * against this host (its published host ports too, save those of the test machine's own registry
 * and sshd, which a corpus project may well publish); each invalid one fails {@code stow validate}
 * with exactly the problems in its {@code expected.txt} ({@code file:line:col: path: message}
 * prefixes, one a line).
 *
 * <p>The corpus is {@code src/test/resources/compose-corpus}; {@code -Dstow.it.composeCorpus=DIR}
 * adds a held-back one laid out the same way ({@code valid/<project>/}, {@code
 * invalid/<project>/expected.txt}).
 */
class ComposeCorpusIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  @TempDir Path tmp;

  @Test
  void everyValidProjectValidatesAndItsCreateRequestsPassThisHostsChecks() throws IOException {
    List<Path> projects = projects("valid");
    assertThat(projects).isNotEmpty();
    List<String> failures = new ArrayList<>();
    for (Path project : projects) {
      StowProcess.Result run = validate(project);
      if (run.exitCode() != 0 || !run.stdout().contains(" is valid: ")) {
        failures.add(project + ": " + run);
        continue;
      }
      ReconcileReport dryRun =
          EmbeddedStow.on(
                  docker.hostIgnoringTestServicePorts(),
                  tmp.resolve("state-" + project.getFileName()))
              .dryRun(copy(project));
      if (dryRun.status() != ReconcileStatus.SUCCEEDED) {
        failures.add(project + ": dry run " + dryRun.status() + " " + dryRun.failure());
      }
    }
    assertThat(failures).as("valid projects that fail").isEmpty();
  }

  @Test
  void everyInvalidProjectFailsWithExactlyItsExpectedProblems() throws IOException {
    List<Path> projects = projects("invalid");
    assertThat(projects).isNotEmpty();
    List<String> failures = new ArrayList<>();
    for (Path project : projects) {
      List<String> expected =
          Files.readAllLines(project.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
              .filter(line -> !line.isBlank())
              .toList();
      StowProcess.Result run = validate(project);
      List<String> errors =
          run.stderr().lines().filter(line -> line.startsWith("error: ")).toList();
      List<String> missing = new ArrayList<>();
      for (String line : expected) {
        String full = "error: " + project.toAbsolutePath().normalize().resolve(line);
        if (errors.stream().noneMatch(e -> e.startsWith(full))) {
          missing.add(line);
        }
      }
      if (run.exitCode() != 1 || !missing.isEmpty() || errors.size() != expected.size()) {
        failures.add(project.getFileName() + ": missing " + missing + "; got " + run);
      }
    }
    assertThat(failures).as("invalid projects that do not fail as expected").isEmpty();
  }

  private StowProcess.Result validate(Path project) {
    return StowProcess.run(
        tmp.resolve("logs"),
        project.getParent().getFileName() + "-" + project.getFileName(),
        Duration.ofMinutes(1),
        "validate",
        project.toAbsolutePath().normalize().toString());
  }

  /** A copy in a folder of the project's name: the engine stages it like any local folder. */
  private Path copy(Path project) throws IOException {
    Path target = tmp.resolve("copies").resolve(project.getFileName());
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path source : walk.toList()) {
        Path destination = target.resolve(project.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination);
        }
      }
    }
    return target;
  }

  private static List<Path> projects(String kind) throws IOException {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("src", "test", "resources", "compose-corpus"));
    String extra = System.getProperty("stow.it.composeCorpus");
    if (extra != null && !extra.isBlank() && !extra.startsWith("${")) {
      roots.add(Path.of(extra));
    }
    List<Path> projects = new ArrayList<>();
    for (Path root : roots) {
      Path dir = root.resolve(kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(Files::isDirectory).sorted().forEach(projects::add);
      }
    }
    return projects;
  }
}
