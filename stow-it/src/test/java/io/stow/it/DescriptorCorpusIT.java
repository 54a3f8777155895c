package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.stow.docker.BindMount;
import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerOperationException;
import io.stow.engine.FolderReferences;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.ImageRef;
import io.stow.model.NetworkSpec;
import io.stow.model.StowLabels;
import io.stow.model.VolumeSpec;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Valid means deployable", against the real engine: every descriptor of the valid corpus passes
 * {@code stow validate}'s checks and then each of its containers is really created (not started)
 * through {@link io.stow.docker.DockerJavaHost} and removed; every descriptor of the invalid corpus
 * is refused with {@code file:line:col}. The corpus is {@code src/test/resources/corpus}; {@code
 * -Dstow.it.corpus=DIR} adds another one laid out the same way ({@code valid/*.yaml}, {@code
 * invalid/*.yaml}).
 *
 * <p>Images are replaced by the local test image and names get this run's prefix, so any corpus can
 * run here; declared networks are created (labelled) for the test.
 */
class DescriptorCorpusIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final TestImages images = TestImages.get();
  private final DockerHost host = docker.host();

  @TempDir Path work;

  /** Containers this host's Docker cannot run, refused by the preflight as Docker refuses them. */
  private final List<String> refusedByThisHost = new ArrayList<>();

  @Test
  void everyValidDescriptorValidatesAndItsContainersCanBeCreated() throws IOException {
    ImageRef image = images.first();
    if (!host.imagePresent(image)) {
      host.pull(image, p -> {});
    }
    List<Path> files = corpus("valid");
    assertThat(files).isNotEmpty();
    List<String> failures = new ArrayList<>();
    int created = 0;
    for (Path file : files) {
      try {
        created += createEach(file, image, failures);
      } catch (RuntimeException e) {
        failures.add(file.getFileName() + ": " + e.getMessage());
      }
    }
    assertThat(failures).as("descriptors that validate but Docker refuses").isEmpty();
    // printed so a run on an older host shows what it could not cover
    refusedByThisHost.forEach(r -> System.out.println("refused by this host's preflight: " + r));
    assertThat(created).isGreaterThanOrEqualTo(files.size());
  }

  @Test
  void everyInvalidDescriptorIsRefusedWithFileLineAndColumn() throws IOException {
    List<Path> files = corpus("invalid");
    assertThat(files).isNotEmpty();
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      try {
        DescriptorParser.read(file);
        failures.add(file.getFileName() + " validated");
      } catch (DescriptorException e) {
        for (Problem problem : e.problems()) {
          if (problem.line() < 1 || problem.column() < 1) {
            failures.add(file.getFileName() + " has a problem without a position: " + problem);
          }
          if (!problem.toString().startsWith(file + ":" + problem.line() + ":")) {
            failures.add(file.getFileName() + " does not name file:line:col: " + problem);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aCpuLimitAboveTheHostsCpusIsRefusedBeforeCreating() {
    ContainerSpec spec =
        ContainerSpec.builder(docker.name("cpus"), images.first())
            .cpus(new BigDecimal("100000"))
            .build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            spec, Map.of(), List.of(), Map.of(StowLabels.DEPLOYMENT, "corpus"));

    assertThatThrownBy(() -> host.checkCreate(request))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageContaining("CPUs this Docker host has");
    assertThat(host.inspect(spec.name())).isEmpty();
  }

  @Test
  void aLogDriverPluginThatIsNotInstalledIsRefusedBeforeCreating() {
    ContainerSpec spec =
        ContainerSpec.builder(docker.name("plugin"), images.first())
            .logging(new io.stow.model.LoggingSpec("example/no-such-driver:1.0", Map.of()))
            .build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            spec, Map.of(), List.of(), Map.of(StowLabels.DEPLOYMENT, "corpus"));

    assertThatThrownBy(() -> host.checkCreate(request))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageContaining("is not available on this Docker host");
  }

  /** Validates one descriptor as stow validate does, then creates and removes each container. */
  private int createEach(Path source, ImageRef image, List<String> failures) throws IOException {
    String label = source.getFileName().toString();
    Path folder = Files.createDirectories(work.resolve(label.replace(".yaml", "")));
    Files.copy(source, folder.resolve("stow.yaml"));
    Descriptor descriptor = DescriptorParser.read(folder.resolve("stow.yaml")).descriptor();
    addReferencedFiles(descriptor, folder);
    List<String> missing = FolderReferences.problems(descriptor, folder);
    if (!missing.isEmpty()) {
      failures.add(label + ": " + missing);
      return 0;
    }
    Map<String, String> networks = new LinkedHashMap<>();
    for (NetworkSpec network : descriptor.networks()) {
      String name = docker.name("net-" + network.name());
      host.ensureNetwork(name, Map.of(StowLabels.DEPLOYMENT, "corpus"));
      networks.put(network.name(), name);
    }
    int created = 0;
    for (ContainerSpec original : descriptor.containers()) {
      ContainerSpec spec =
          retarget(
              original,
              docker.name(original.name()),
              image,
              original.networks().stream().map(n -> networks.getOrDefault(n, n)).toList());
      ContainerCreateRequest request =
          new ContainerCreateRequest(
              spec,
              spec.env(),
              binds(spec, folder),
              Map.of(StowLabels.DEPLOYMENT, "corpus", StowLabels.HASH, "v1:corpus"));
      created += createOne(label + " container " + original.name(), request, failures);
    }
    return created;
  }

  /**
   * The preflight must agree with Docker: when checkCreate passes, create must succeed; when it
   * refuses (a fact of this host, such as its Docker version), create must fail too.
   */
  private int createOne(String what, ContainerCreateRequest request, List<String> failures) {
    try {
      host.checkCreate(request);
    } catch (DockerOperationException refused) {
      try {
        host.remove(host.create(request));
        failures.add(what + ": the preflight refused what Docker creates: " + refused.getMessage());
      } catch (RuntimeException agreed) {
        refusedByThisHost.add(what + ": " + refused.getMessage());
      }
      return 1;
    }
    try {
      host.remove(host.create(request));
      return 1;
    } catch (RuntimeException e) {
      failures.add(what + ": " + e.getMessage());
      return 0;
    }
  }

  private static void addReferencedFiles(Descriptor descriptor, Path folder) throws IOException {
    for (ContainerSpec spec : descriptor.containers()) {
      for (String envFile : spec.envFiles()) {
        Path file = folder.resolve(envFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "FROM_FILE=1\n");
      }
      for (VolumeSpec volume : spec.volumes()) {
        if (volume.sourceKind() != VolumeSpec.SourceKind.ABSOLUTE
            && !volume.sourcePath().isEmpty()) {
          Path file = folder.resolve(volume.sourcePath());
          Files.createDirectories(file.getParent());
          if (!Files.exists(file)) {
            Files.writeString(file, "x=1\n");
          }
        }
      }
    }
  }

  /** As the engine resolves sources: runtime and relative paths inside the deployment folder. */
  private static List<BindMount> binds(ContainerSpec spec, Path folder) {
    List<BindMount> binds = new ArrayList<>();
    for (VolumeSpec volume : spec.volumes()) {
      Path hostPath =
          volume.sourceKind() == VolumeSpec.SourceKind.ABSOLUTE
              ? Path.of(volume.sourcePath())
              : folder.toAbsolutePath().resolve(volume.sourcePath()).normalize();
      binds.add(new BindMount(hostPath.toString(), volume.target(), volume.bindOptions()));
    }
    return binds;
  }

  private static ContainerSpec retarget(
      ContainerSpec s, String name, ImageRef image, List<String> networks) {
    return new ContainerSpec(
        name,
        image,
        s.restartPolicy(),
        s.memory(),
        s.publish(),
        s.volumes(),
        s.args(),
        s.env(),
        s.entrypoint(),
        s.envFiles(),
        s.user(),
        s.workingDir(),
        s.init(),
        s.healthcheck(),
        networks,
        s.networkAliases(),
        s.labels(),
        s.cpus(),
        s.readOnlyRootfs(),
        s.capAdd(),
        s.capDrop(),
        s.securityOpt(),
        s.extraHosts(),
        s.tmpfs(),
        s.stopTimeout(),
        s.logging(),
        s.build(),
        s.volumeMounts(),
        s.endpoints(),
        s.networkMode(),
        s.dependsOn(),
        s.runtime());
  }

  /** The bundled corpus plus, with -Dstow.it.corpus=DIR, another one. */
  private static List<Path> corpus(String kind) throws IOException {
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("src", "test", "resources", "corpus", kind));
    String extra = System.getProperty("stow.it.corpus", "");
    if (!extra.isBlank()) {
      Path dir = Path.of(extra, kind);
      if (!Files.isDirectory(dir)) {
        fail("-Dstow.it.corpus=" + extra + " has no " + kind + "/ directory");
      }
      dirs.add(dir);
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }
}
