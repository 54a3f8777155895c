package io.stow.engine;

import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.ContainerSpec;
import io.stow.model.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderReferencesTest {

  @TempDir Path folder;

  private static VolumeSpec volume(String source) {
    return new VolumeSpec(source, "/target", true, Optional.empty());
  }

  @Test
  void problems_listsEveryMissingFileAndEscape() {
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .envFiles(List.of("web.env"))
            .volume(volume("conf/app.conf"))
            .volume(volume("runtime/secret.env"))
            .volume(volume("../outside"))
            .volume(volume("/var/lib/web"))
            .build();

    assertThat(FolderReferences.problems(descriptor("demo", web), folder))
        .containsExactly(
            "container web (containers[0]) envFiles[0] 'web.env' does not exist in the deployment"
                + " folder; add it or fix the path",
            "container web (containers[0]) volume source 'conf/app.conf' does not exist in the"
                + " deployment folder; add it or fix the path",
            "container web (containers[0]) volume source 'runtime/secret.env' does not exist in"
                + " the deployment folder; add it or fix the path",
            "container web (containers[0]) volume source '../outside' escapes the deployment"
                + " folder; keep it inside");
  }

  @Test
  void problems_acceptsARelativeFolderSuchAsDot() throws IOException {
    Files.createDirectories(folder.resolve("conf"));
    Files.writeString(folder.resolve("conf/app.conf"), "a=1\n");
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1).volume(volume("conf/app.conf")).build();
    Path relative = Path.of("").toAbsolutePath().relativize(folder.toAbsolutePath());

    assertThat(FolderReferences.problems(descriptor("demo", web), relative)).isEmpty();
    assertThat(
            FolderReferences.problems(
                descriptor("demo", web), Path.of(relative.toString(), ".", "conf", "..")))
        .isEmpty();
  }

  @Test
  void problems_refusesReferencesThroughSymbolicLinks() throws IOException {
    Path outside = Files.createTempDirectory("stow-outside");
    Files.writeString(outside.resolve("shadow"), "secret\n");
    Files.createSymbolicLink(folder.resolve("linked"), outside);
    Files.createSymbolicLink(folder.resolve("web.env"), outside.resolve("shadow"));
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .envFiles(List.of("web.env"))
            .volume(volume("linked/shadow"))
            .build();

    assertThat(FolderReferences.problems(descriptor("demo", web), folder))
        .containsExactly(
            "container web (containers[0]) envFiles[0] 'web.env' goes through the symbolic link"
                + " web.env; a deployment folder holds regular files and directories only",
            "container web (containers[0]) volume source 'linked/shadow' goes through the"
                + " symbolic link linked; a deployment folder holds regular files and directories"
                + " only");
    assertThat(FolderReferences.unsupportedFiles(folder))
        .hasSize(2)
        .allMatch(p -> p.contains("is a symbolic link"));
  }

  @Test
  void problems_isEmptyWhenEverythingIsThere() throws IOException {
    Files.createDirectories(folder.resolve("conf"));
    Files.writeString(folder.resolve("conf/app.conf"), "a=1\n");
    Files.writeString(folder.resolve("web.env"), "A=1\n");
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .envFiles(List.of("web.env"))
            .volume(volume("conf/app.conf"))
            .volume(volume("runtime/conf"))
            .volume(volume("runtime"))
            .build();

    assertThat(FolderReferences.problems(descriptor("demo", web), folder)).isEmpty();
  }

  @Test
  void problems_wantsEnvFilesToBeFiles() throws IOException {
    Files.createDirectories(folder.resolve("web.env"));
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).envFiles(List.of("web.env")).build();

    assertThat(FolderReferences.problems(descriptor("demo", web), folder))
        .singleElement()
        .asString()
        .contains("'web.env' does not exist");
  }
}
