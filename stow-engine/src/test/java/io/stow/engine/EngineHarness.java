package io.stow.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.source.LocalDirectorySource;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Wires the engine to fakes below a temporary directory. */
public final class EngineHarness {

  public final Path stateRoot;
  public final Path work;
  public final FakeClock clock = new FakeClock();
  public final FakeDockerHost docker = new FakeDockerHost(clock);
  public final RecordingEvents events = new RecordingEvents();
  public final FakeDescriptorLoader loader = new FakeDescriptorLoader();
  public FakeSecretDecryptor sops;
  private int version;

  public EngineHarness(Path tmp) throws IOException {
    stateRoot = tmp.resolve("state");
    work = Files.createDirectories(tmp.resolve("work"));
  }

  public ReconcileContext.Builder contextBuilder() {
    ReconcileContext.Builder builder =
        ReconcileContext.builder()
            .docker(docker)
            .descriptorLoader(loader)
            .stateRoot(stateRoot)
            .clock(clock)
            .sleeper(clock)
            .events(events)
            .verifyPollInterval(Duration.ofSeconds(1));
    if (sops != null) {
      builder.secretDecryptor(sops);
    }
    return builder;
  }

  public Reconciler reconciler() {
    return new Reconciler(contextBuilder().build());
  }

  /** A deployment folder whose stow.yaml loads as {@code descriptor}, plus extra files. */
  public LocalDirectorySource folder(Descriptor descriptor, Map<String, String> files) {
    try {
      version++;
      Path dir = Files.createDirectories(work.resolve("v" + version));
      String yaml =
          "# test descriptor "
              + version
              + "\ndeployment:\n  name: "
              + descriptor.deployment().name()
              + "\n";
      Files.writeString(dir.resolve("stow.yaml"), yaml);
      loader.register(yaml, descriptor);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      return new LocalDirectorySource(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LocalDirectorySource folder(Descriptor descriptor) {
    return folder(descriptor, Map.of());
  }

  public ReconcileReport reconcile(LocalDirectorySource source) {
    return reconciler().reconcile(ReconcileRequest.reconcile(source));
  }

  public ReconcileException reconcileFails(LocalDirectorySource source) {
    ReconcileException[] caught = new ReconcileException[1];
    assertThatThrownBy(
            () -> {
              try {
                reconcile(source);
              } catch (ReconcileException e) {
                caught[0] = e;
                throw e;
              }
            })
        .isInstanceOf(ReconcileException.class);
    return caught[0];
  }

  /** Every path below the state root with its type, symlink target, size and mode. */
  public List<String> stateListing() throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.exists(stateRoot)) {
      return lines;
    }
    try (Stream<Path> walk = Files.walk(stateRoot)) {
      for (Path p : walk.sorted().toList()) {
        String rel = stateRoot.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          lines.add(rel + " -> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          lines.add(rel + "/");
        } else {
          lines.add(rel + " " + Files.size(p) + " " + Files.getLastModifiedTime(p));
        }
      }
    }
    return lines;
  }
}
