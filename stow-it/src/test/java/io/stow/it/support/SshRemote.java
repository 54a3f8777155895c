package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The real SSH Git server that {@code .ci/test-env.sh} starts (sshd on 127.0.0.1:2222, user git),
 * read from {@code $STOW_TEST_ENV_DIR/ssh.properties}. Repositories are bare repositories below its
 * repository root, made and pushed to through the file system by the test (as root).
 */
public record SshRemote(
    String host, int port, String user, Path repositories, Path clientKey, String hostKey) {

  /** The server, or a failure saying how to start it. */
  public static SshRemote get() {
    Path file = TestImages.ENV_DIR.resolve("ssh.properties");
    if (!Files.isRegularFile(file)) {
      fail("no SSH Git server: %s is missing; %s", file, TestImages.RUN_SCRIPT);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new SshRemote(
        p.getProperty("host"),
        Integer.parseInt(p.getProperty("port")),
        p.getProperty("user"),
        Path.of(p.getProperty("repositories")),
        Path.of(p.getProperty("clientKey")),
        p.getProperty("hostKey"));
  }

  /** A new empty bare repository whose default branch is {@code main}. */
  public Path newRepository(String prefix) {
    Path dir = repositories.resolve(prefix + "-" + UUID.randomUUID() + ".git");
    try {
      Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return dir;
  }

  /** {@code ssh://git@127.0.0.1:2222/srv/...git}. */
  public String url(Path repository) {
    return "ssh://" + user + "@" + host + ":" + port + repository;
  }

  /** The known_hosts line that pins this server's host key. */
  public String knownHostsLine() {
    return "[" + host + "]:" + port + " " + hostKey;
  }
}
