package io.stow.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySourceTest {

  @TempDir Path tmp;

  @Test
  void materialise_copiesRegularFilesAndDirectoriesPrivately() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("stow.yaml"), "deployment:\n  name: demo\n");
    Files.createDirectories(dir.resolve("conf/nested"));
    Files.writeString(dir.resolve("conf/nested/app.conf"), "x=1\n");
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    LocalDirectorySource source = new LocalDirectorySource(dir);

    source.materialise(source.resolveRevision(), staging);

    assertThat(source.resolveRevision()).isEqualTo("local");
    assertThat(staging.resolve("stow.yaml")).hasContent("deployment:\n  name: demo");
    assertThat(staging.resolve("conf/nested/app.conf")).hasContent("x=1");
    assertThat(Files.getPosixFilePermissions(staging.resolve("conf/nested/app.conf")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(staging.resolve("conf")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(source.describe()).isEqualTo("directory " + dir.toAbsolutePath());
  }

  @Test
  void materialise_skipsGitMetadata() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("stow.yaml"), "x");
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Path staging = Files.createDirectories(tmp.resolve("staging"));

    new LocalDirectorySource(dir).materialise("local", staging);

    assertThat(staging.resolve(".git")).doesNotExist();
  }

  @Test
  void materialise_refusesSymbolicLinks() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("stow.yaml"), "x");
    Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
    Path staging = Files.createDirectories(tmp.resolve("staging"));

    assertThatThrownBy(() -> new LocalDirectorySource(dir).materialise("local", staging))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("passwd")
        .hasMessageContaining("symbolic link");
  }

  @Test
  void materialise_failsClearlyForAMissingDirectory() {
    Path missing = tmp.resolve("nope");

    assertThatThrownBy(() -> new LocalDirectorySource(missing).materialise("local", tmp))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("does not exist");
  }
}
