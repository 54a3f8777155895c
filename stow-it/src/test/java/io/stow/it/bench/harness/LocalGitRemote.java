package io.stow.it.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A deployment repository as a bare Git repository on the local disk (a {@code file://} remote)
 * with a working clone that commits and pushes to its {@code main} branch.
 */
public final class LocalGitRemote implements AutoCloseable {

  private final Path bare;
  private final Git work;

  private LocalGitRemote(Path bare, Git work) {
    this.bare = bare;
    this.work = work;
  }

  /** A new empty repository under {@code dir}. */
  public static LocalGitRemote create(Path dir) throws GitAPIException {
    Path bare = dir.resolve("deployments.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Git work =
        Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
    try {
      work.remoteAdd()
          .setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString()))
          .call();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new LocalGitRemote(bare, work);
  }

  /** The URL a daemon's {@code git.url} takes. */
  public String url() {
    return bare.toUri().toString();
  }

  /** Writes {@code files} (relative path to content), commits them and pushes; the new sha. */
  public String commit(Map<String, String> files) throws IOException, GitAPIException {
    Path root = work.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      work.add().addFilepattern(file.getKey()).call();
    }
    String sha =
        work.commit()
            .setMessage("bench")
            .setAuthor("bench", "bench@example.com")
            .setCommitter("bench", "bench@example.com")
            .setAllowEmpty(true)
            .call()
            .getName();
    work.push().setRemote("origin").add("main").call();
    return sha;
  }

  @Override
  public void close() {
    work.close();
  }
}
