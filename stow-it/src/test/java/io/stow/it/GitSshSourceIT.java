package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.it.support.HostFacts;
import io.stow.it.support.SshRemote;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain Git source over a real SSH server (Debian's openssh-server, started by
 * .ci/test-env.sh): host keys are pinned, never accepted on first use; the head of the tracked
 * branch is deployed on the real engine, another branch never is; the deploy key stow makes is one
 * the server accepts.
 */
class GitSshSourceIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final SshRemote ssh = SshRemote.get();
  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();
  private final List<Path> repositories = new ArrayList<>();

  @TempDir Path temp;
  private Path repository;
  private Git work;

  @BeforeEach
  void setUp() throws Exception {
    repository = ssh.newRepository("stow-it");
    repositories.add(repository);
    work =
        Git.cloneRepository()
            .setURI(repository.toUri().toString())
            .setDirectory(temp.resolve("work").toFile())
            .call();
  }

  @AfterEach
  void tearDown() throws Exception {
    work.close();
    for (Path repo : repositories) {
      try (var walk = Files.walk(repo)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private String push(String branch, Map<String, String> files) throws Exception {
    if (work.getRepository().resolve(Constants.HEAD) == null) {
      work.getRepository().updateRef(Constants.HEAD).link("refs/heads/" + branch);
    } else if (!branch.equals(work.getRepository().getBranch())) {
      boolean exists = work.getRepository().findRef("refs/heads/" + branch) != null;
      work.checkout().setName(branch).setCreateBranch(!exists).call();
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = temp.resolve("work").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    work.add().addFilepattern(".").call();
    String sha =
        work.commit().setMessage("deploy").setAuthor("ops", "ops@example.com").call().getName();
    work.push().setRemote("origin").add(branch).call();
    return sha;
  }

  private String descriptor(String deployment, String container, ImageRef image) {
    return StowYaml.deployment(deployment)
        .verify("20s", "1s")
        .container(StowYaml.Container.of(container, image).command("sleep", "3600"))
        .render();
  }

  private Path config(Path sshKey, String knownHosts) throws Exception {
    Path etc = Files.createDirectories(temp.resolve("etc"));
    Path known = etc.resolve("known_hosts");
    Files.writeString(known, knownHosts);
    Path file = etc.resolve("daemon.yaml");
    Files.writeString(
        file,
        "git:\n  url: "
            + ssh.url(repository)
            + "\n  sshKey: "
            + sshKey
            + "\n  knownHosts: "
            + known
            + "\nsubfolder: host-1\nstateDir: "
            + temp.resolve("state")
            + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private StowProcess.Result stow(String label, String... args) {
    return StowProcess.run(temp.resolve("logs"), label, CLI_TIMEOUT, args);
  }

  @Test
  void anUnknownHostKey_isRefusedWithItsFingerprintAndNothingChanges() throws Exception {
    String deployment = docker.name("sshkey");
    push("main", Map.of("host-1/stow.yaml", descriptor(deployment, deployment + "-web", image1)));
    Path config = config(ssh.clientKey(), "");

    StowProcess.Result result = stow("refused", "reconcile", "--config", config.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr())
        .contains("SSH host key of [127.0.0.1]:2222 is not in")
        .contains("SHA256:")
        .contains("pin it: echo '" + ssh.knownHostsLine())
        .contains("nothing on the host was changed");
    assertThat(HostFacts.containers(docker, deployment)).isEmpty();
    assertThat(temp.resolve("state/running-config")).doesNotExist();
  }

  @Test
  void theHeadOfTheTrackedBranchIsDeployed_overSsh_neverAnotherBranch() throws Exception {
    String deployment = docker.name("sshgit");
    String web = docker.name(deployment + "-web");
    String v1 = push("main", Map.of("host-1/stow.yaml", descriptor(deployment, web, image1)));
    Path config = config(ssh.clientKey(), ssh.knownHostsLine() + "\n");

    StowProcess.Result first =
        stow("first", "reconcile", "--config", config.toString(), "--plan-json");
    assertThat(first.exitCode()).as("%s", first).isZero();
    JsonNode plan = new ObjectMapper().readTree(first.stdout());
    assertThat(plan.path("revision").asText()).isEqualTo(v1);
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image1.toString());

    push("suggest/host-1-web", Map.of("host-1/stow.yaml", descriptor(deployment, web, image2)));
    StowProcess.Result other = stow("other", "reconcile", "--config", config.toString());
    assertThat(other.exitCode()).as("%s", other).isZero();
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image1.toString());

    String v2 = push("main", Map.of("host-1/stow.yaml", descriptor(deployment, web, image2)));
    StowProcess.Result merged = stow("merged", "reconcile", "--config", config.toString());
    assertThat(merged.exitCode()).as("%s", merged).isZero();
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image2.toString());
    assertThat(temp.resolve("state/running-config/.git-revision")).hasContent(v2);
    // objects live in a private cache under the state root
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("state/.stow/git"))))
        .isEqualTo("rwx------");
  }

  @Test
  void theDeployKeyStowMakes_isMadeOnceAndTheServerAcceptsIt() throws Exception {
    push(
        "main",
        Map.of("host-1/stow.yaml", descriptor(docker.name("dk"), docker.name("dk-web"), image1)));
    Path key = temp.resolve("etc/deploy_ed25519");
    Path config = config(key, ssh.knownHostsLine() + "\n");

    StowProcess.Result made = stow("made", "deploy-key", "--config", config.toString());
    StowProcess.Result again = stow("again", "deploy-key", "--config", config.toString());

    assertThat(made.exitCode()).as("%s", made).isZero();
    assertThat(made.stdout()).startsWith("ssh-ed25519 ");
    assertThat(made.stderr()).contains("read-only deploy key");
    assertThat(again.stdout()).isEqualTo(made.stdout());
    assertThat(again.stderr()).contains("using the existing");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("r--------");
    assertThat(Path.of(key + ".pub")).hasContent(made.stdout().strip());

    Path authorized = ssh.clientKey().resolveSibling("authorized_keys");
    String before = Files.readString(authorized);
    try {
      Files.writeString(authorized, before + made.stdout());
      StowProcess.Result dry = stow("dry", "reconcile", "--config", config.toString(), "--dry-run");
      assertThat(dry.exitCode()).as("%s", dry).isZero();
    } finally {
      Files.writeString(authorized, before);
    }
  }
}
