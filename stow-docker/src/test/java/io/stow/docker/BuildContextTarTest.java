package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTarTest {

  @TempDir Path dir;

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private List<TarArchiveEntry> entries(String dockerfile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextTar.write(dir, dockerfile, out);
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  @Test
  void write_sendsFilesInNameOrderWithFixedModesAndTimes() throws IOException {
    write("Dockerfile", "FROM scratch\n");
    write("src/b.sh", "b");
    write("src/a.txt", "a");

    List<TarArchiveEntry> entries = entries("Dockerfile");

    assertThat(entries)
        .extracting(TarArchiveEntry::getName)
        .containsExactly("Dockerfile", "src/", "src/a.txt", "src/b.sh");
    assertThat(entries.get(0).getMode() & 0777).isEqualTo(0644);
    assertThat(entries.get(1).getMode() & 0777).isEqualTo(0755);
    assertThat(entries).extracting(e -> e.getModTime().getTime()).containsOnly(946_684_800_000L);
  }

  @Test
  void write_leavesOutWhatDockerignoreExcludesButAlwaysSendsTheDockerfile() throws IOException {
    write("docker/Dockerfile", "FROM scratch\n");
    write(".dockerignore", "# comment\nnode_modules\n**/*.log\ndocker\n!keep.log\n");
    write("node_modules/x/index.js", "x");
    write("app/debug.log", "l");
    write("keep.log", "k");
    write("app/main.js", "m");

    assertThat(entries("docker/Dockerfile"))
        .extracting(TarArchiveEntry::getName)
        .containsExactly(".dockerignore", "app/", "app/main.js", "docker/Dockerfile", "keep.log");
  }

  @Test
  void dockerIgnore_matchesAsTheDockerCliDoes() {
    DockerIgnore ignore = DockerIgnore.parse("*.md\n/tmp/\n**/cache\n!README.md\nsrc/?.c\n");

    assertThat(ignore.excludes("CHANGES.md")).isTrue();
    assertThat(ignore.excludes("README.md")).isFalse();
    assertThat(ignore.excludes("docs/CHANGES.md")).isFalse();
    assertThat(ignore.excludes("tmp/x")).isTrue();
    assertThat(ignore.excludes("a/b/cache/c")).isTrue();
    assertThat(ignore.excludes("src/a.c")).isTrue();
    assertThat(ignore.excludes("src/ab.c")).isFalse();
  }
}
