package io.stow.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.DeploymentHashes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentHasherTest {

  static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final Set<String> SECRET = Set.of("runtime/secret.env");

  @TempDir Path dir;

  private Path golden() throws IOException {
    write("stow.yaml", "deployment:\n  name: demo\ncontainers: []\n");
    write("app.conf", "key=value\n");
    write("runtime/secret.env", "TOKEN=s3cr3t\n");
    return dir;
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void hash_matchesTheGoldenVector() throws IOException {
    DeploymentHashes hashes = DeploymentHasher.hash(golden(), SECRET);

    assertThat(hashes.manifestHash())
        .isEqualTo("03af79fe1f78a6e6dc4a2aee57d8bf20ab2e941b38d764411c2651f01a7dc8d9");
    assertThat(hashes.configHash())
        .isEqualTo("d0d782f7367a504d33c6e3664377fc4aa5737666d637df3b138038315c51edab");
    assertThat(hashes.secretsHash())
        .isEqualTo("49d2fbb81c670437626813e96cfcde797914f1e5b77260b50d857d16f95c90b7");
    assertThat(hashes.deploymentHash())
        .isEqualTo("26afd0934a76c81a3835f3cd3fa74c73a37b8c705957407d4b40c43f6c7fa61d");
  }

  @Test
  void hash_ofManifestOnlyHasEmptyConfigAndSecrets() throws IOException {
    write("stow.yaml", "x");
    DeploymentHashes hashes = DeploymentHasher.hash(dir, Set.of());
    assertThat(hashes.configHash()).isEqualTo(EMPTY);
    assertThat(hashes.secretsHash()).isEqualTo(EMPTY);
  }

  @Test
  void hash_changesOnlyConfigWhenOneConfigByteChanges() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    write("app.conf", "key=valuf\n");
    DeploymentHashes after = DeploymentHasher.hash(dir, SECRET);

    assertThat(after.manifestHash()).isEqualTo(before.manifestHash());
    assertThat(after.secretsHash()).isEqualTo(before.secretsHash());
    assertThat(after.configHash()).isNotEqualTo(before.configHash());
    assertThat(after.deploymentHash()).isNotEqualTo(before.deploymentHash());
  }

  @Test
  void hash_changesOnlySecretsWhenASecretChanges() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    write("runtime/secret.env", "TOKEN=s3cr3u\n");
    DeploymentHashes after = DeploymentHasher.hash(dir, SECRET);

    assertThat(after.manifestHash()).isEqualTo(before.manifestHash());
    assertThat(after.configHash()).isEqualTo(before.configHash());
    assertThat(after.secretsHash()).isNotEqualTo(before.secretsHash());
    assertThat(after.deploymentHash()).isNotEqualTo(before.deploymentHash());
  }

  @Test
  void hash_changesOnlyManifestWhenStowYamlChanges() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    write("stow.yaml", "deployment:\n  name: demp\ncontainers: []\n");
    DeploymentHashes after = DeploymentHasher.hash(dir, SECRET);

    assertThat(after.manifestHash()).isNotEqualTo(before.manifestHash());
    assertThat(after.configHash()).isEqualTo(before.configHash());
    assertThat(after.secretsHash()).isEqualTo(before.secretsHash());
    assertThat(after.deploymentHash()).isNotEqualTo(before.deploymentHash());
  }

  @Test
  void hash_changesConfigWhenAFileIsRenamed() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    Files.move(dir.resolve("app.conf"), dir.resolve("app2.conf"));
    DeploymentHashes after = DeploymentHasher.hash(dir, SECRET);

    assertThat(after.manifestHash()).isEqualTo(before.manifestHash());
    assertThat(after.secretsHash()).isEqualTo(before.secretsHash());
    assertThat(after.configHash()).isNotEqualTo(before.configHash());
  }

  @Test
  void hash_changesConfigWhenAFileMovesBetweenDirectories() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    Files.createDirectories(dir.resolve("conf"));
    Files.move(dir.resolve("app.conf"), dir.resolve("conf/app.conf"));
    DeploymentHashes after = DeploymentHasher.hash(dir, SECRET);

    assertThat(after.manifestHash()).isEqualTo(before.manifestHash());
    assertThat(after.secretsHash()).isEqualTo(before.secretsHash());
    assertThat(after.configHash()).isNotEqualTo(before.configHash());
  }

  @Test
  void hash_ignoresMtimesAndEmptyDirectories() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    Files.setLastModifiedTime(
        dir.resolve("app.conf"), java.nio.file.attribute.FileTime.fromMillis(0));
    Files.createDirectories(dir.resolve("empty/nested"));
    assertThat(DeploymentHasher.hash(dir, SECRET)).isEqualTo(before);
  }

  @Test
  void hash_skipsSymbolicLinks() throws IOException {
    DeploymentHashes before = DeploymentHasher.hash(golden(), SECRET);
    Files.createSymbolicLink(dir.resolve("link.conf"), dir.resolve("app.conf"));
    assertThat(DeploymentHasher.hash(dir, SECRET)).isEqualTo(before);
  }

  @Test
  void hash_sortsEntriesByNameWithinEachDirectory() throws IOException {
    // per-directory order puts the directory "a" (and a/z) before the file "a.conf",
    // although the full path "a.conf" sorts before "a/z"
    write("stow.yaml", "x");
    write("a.conf", "1");
    write("a/z", "2");
    String expected = sha256("a/z\0" + "2" + "a.conf\0" + "1");
    assertThat(DeploymentHasher.hash(dir, Set.of()).configHash()).isEqualTo(expected);
  }

  @Test
  void hash_sortsNamesByTheirUtf8BytesNotByJavaStringOrder() throws IOException {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) as UTF-8 bytes, after it as UTF-16
    String fullwidth = "\uFF21";
    String emoji = "\uD83D\uDE00";
    assertThat(emoji.compareTo(fullwidth)).isNegative();
    write("stow.yaml", "x");
    write(emoji, "2");
    write(fullwidth, "1");
    String expected = sha256(fullwidth + "\0" + "1" + emoji + "\0" + "2");
    assertThat(DeploymentHasher.hash(dir, Set.of()).configHash()).isEqualTo(expected);
  }

  @Test
  void hash_keepsNfcAndNfdNamesApartAsTheirBytes() throws IOException {
    String nfc = "caf\u00e9";
    String nfd = "cafe\u0301";
    write("stow.yaml", "x");
    write(nfc, "c");
    write(nfd, "d");
    // "cafe\u0301" (63 61 66 65 CC 81) sorts before "caf\u00e9" (63 61 66 C3 A9)
    String expected = sha256(nfd + "\0" + "d" + nfc + "\0" + "c");
    assertThat(DeploymentHasher.hash(dir, Set.of()).configHash()).isEqualTo(expected);
  }

  @Test
  void hash_refusesAFileNameThatIsNotValidUtf8() throws Exception {
    write("stow.yaml", "x");
    // Java cannot make such a name; the shell can (octal 377 is never valid in UTF-8)
    Process touch =
        new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
            .directory(dir.toFile())
            .start();
    assertThat(touch.waitFor()).isZero();

    assertThatThrownBy(() -> DeploymentHasher.hash(dir, Set.of()))
        .isInstanceOf(FileNames.InvalidFileNameException.class)
        .hasMessageContaining("not valid UTF-8")
        .hasMessageContaining(dir.toString());
  }

  @Test
  void hash_acceptsANameThatReallyHoldsTheReplacementCharacter() throws IOException {
    write("stow.yaml", "x");
    write("odd\uFFFDname", "1");
    assertThat(DeploymentHasher.hash(dir, Set.of()).configHash())
        .isEqualTo(sha256("odd\uFFFDname\0" + "1"));
  }

  @Test
  void hash_failsWithoutStowYaml() {
    assertThatThrownBy(() -> DeploymentHasher.hash(dir, Set.of()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("stow.yaml");
  }

  @Test
  void hash_streamsA1GiBFileInSmallHeap() throws IOException {
    // surefire runs this module with -Xmx64m: reading the file whole would fail
    write("stow.yaml", "x");
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
      big.setLength(1L << 30);
    }
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(1L << 30);

    java.security.MessageDigest expected = digest();
    expected.update("big.bin\0".getBytes(StandardCharsets.UTF_8));
    byte[] zeros = new byte[1 << 20];
    for (int i = 0; i < 1024; i++) {
      expected.update(zeros);
    }
    assertThat(DeploymentHasher.hash(dir, Set.of()).configHash())
        .isEqualTo(java.util.HexFormat.of().formatHex(expected.digest()));
  }

  private static java.security.MessageDigest digest() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String content) {
    return java.util.HexFormat.of()
        .formatHex(digest().digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
