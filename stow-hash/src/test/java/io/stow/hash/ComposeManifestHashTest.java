package io.stow.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.parse.DescriptorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeManifestHashTest {

  @TempDir Path dir;

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hash_takesTheComposeFileAsTheManifest() throws Exception {
    write("compose.yaml", "services: {}\n");
    write(".env", "A=1\n");
    write("app/Dockerfile", "FROM x\n");

    var hashes = DeploymentHasher.hash(dir, Set.of());

    assertThat(hashes.manifestHash()).isEqualTo(sha256("compose.yaml\0services: {}\n"));
    assertThat(hashes.configHash()).isEqualTo(sha256(".env\0A=1\n" + "app/Dockerfile\0FROM x\n"));
  }

  @Test
  void hash_refusesAFolderWithStowYamlAndAComposeFile() throws Exception {
    write("stow.yaml", "x");
    write("docker-compose.yml", "y");

    assertThatThrownBy(() -> DeploymentHasher.hash(dir, Set.of()))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("stow.yaml and docker-compose.yml");
  }

  @Test
  void treeHash_changesExactlyWithTheFolder() throws Exception {
    write("ctx/Dockerfile", "FROM x\n");
    String before = DeploymentHasher.treeHash(dir.resolve("ctx"));
    write("other.txt", "unrelated");
    assertThat(DeploymentHasher.treeHash(dir.resolve("ctx"))).isEqualTo(before);
    write("ctx/app.sh", "echo\n");
    assertThat(DeploymentHasher.treeHash(dir.resolve("ctx"))).isNotEqualTo(before);
  }
}
