package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code decryptIfSops} decides and decrypts in one call: plain files are recognised from their
 * lines or tokens without a parse, and a SOPS file is parsed exactly once.
 */
class DecryptIfSopsTest {

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();
  private final SopsKeys keys = SopsKeys.none().withAgeKey(age.identity());
  private final Map<SopsFormat, Integer> parses = new EnumMap<>(SopsFormat.class);

  /** The real store of a format, counting its parses. */
  private Store counting(SopsFormat format) {
    Store real = format.store();
    return new Store() {
      @Override
      public boolean hasMetadataBlock(byte[] content) {
        return real.hasMetadataBlock(content);
      }

      @Override
      public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
        parses.merge(format, 1, Integer::sum);
        return real.parse(content, limits);
      }

      @Override
      public byte[] emit(List<Node.MapNode> documents) {
        return real.emit(documents);
      }

      @Override
      public Node.MapNode metadata(List<Node.MapNode> documents) {
        return real.metadata(documents);
      }

      @Override
      public List<Node.MapNode> withoutMetadata(List<Node.MapNode> documents) {
        return real.withoutMetadata(documents);
      }
    };
  }

  private SopsDecryptor decryptor() {
    return new SopsDecryptor(keys, SopsLimits.DEFAULT, this::counting);
  }

  private static String name(SopsFormat format) {
    return switch (format) {
      case YAML -> "f.yaml";
      case JSON -> "f.json";
      case DOTENV -> "f.env";
      case INI -> "f.ini";
      case BINARY -> "f.bin";
    };
  }

  private static String plaintext(SopsFormat format) {
    return switch (format) {
      case YAML -> "user: app\npassword: hunter2\n";
      case JSON -> "{\"user\": \"app\", \"password\": \"hunter2\"}";
      case DOTENV -> "USER=app\nPASSWORD=hunter2\n";
      case INI -> "[db]\nuser = app\npassword = hunter2\n";
      case BINARY -> "raw bytes\n";
    };
  }

  /** Plain files that mention sops, mac and version without holding a metadata block. */
  private static String lookalike(SopsFormat format) {
    return switch (format) {
      case YAML -> "tools:\n    sops:\n        mac: no\n        version: 3\nsops_like: yes\n";
      case JSON -> "{\"tools\": {\"sops\": {\"mac\": 1, \"version\": 2}}, \"sops\": \"x\"}";
      case DOTENV -> "MY_sops_mac=1\n#sops_version=2\n";
      case INI -> "[tools]\nmac = 1\nversion = 2\nsops = yes\n";
      case BINARY -> "{\"data\": \"sops mac version\"}";
    };
  }

  private Path write(SopsFormat format, String content) throws Exception {
    Path file = dir.resolve(name(format));
    Files.writeString(file, content);
    return file;
  }

  private Path encrypted(SopsFormat format) throws Exception {
    Path file = dir.resolve(name(format));
    Files.write(
        file,
        SopsTestEncryptor.encrypt(
            format, plaintext(format), SopsTestEncryptor.Options.age(age.recipient())));
    return file;
  }

  @ParameterizedTest
  @EnumSource(SopsFormat.class)
  void decryptIfSops_doesNotParseAPlainFile(SopsFormat format) throws Exception {
    Path file = write(format, lookalike(format));

    assertThat(decryptor().decryptIfSops(file)).isEmpty();
    assertThat(decryptor().isSopsFile(file)).isFalse();
    assertThat(parses).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SopsFormat.class)
  void decryptIfSops_parsesASopsFileOnceAndDecryptsIt(SopsFormat format) throws Exception {
    Path file = encrypted(format);
    byte[] expected = new SopsDecryptor(keys).decrypt(file);

    Optional<byte[]> plaintext = decryptor().decryptIfSops(file);

    assertThat(plaintext).hasValueSatisfying(p -> assertThat(p).isEqualTo(expected));
    assertThat(new String(expected, StandardCharsets.UTF_8)).containsAnyOf("app", "raw bytes");
    assertThat(parses).containsExactly(Map.entry(format, 1));
  }

  @ParameterizedTest
  @EnumSource(SopsFormat.class)
  void hasMetadataBlock_recognisesWhatSopsWrites(SopsFormat format) throws Exception {
    byte[] content = Files.readAllBytes(encrypted(format));

    assertThat(format.store().hasMetadataBlock(content)).isTrue();
    assertThat(format.store().hasMetadataBlock(lookalike(format).getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void decryptIfSops_letsTheParseOverruleTheLineScan() throws Exception {
    // the "mac:" line lies inside a text block: the lines look like a sops block, the tree not
    Path file = write(SopsFormat.YAML, "sops:\n    note: |\n        mac: none\n");

    assertThat(decryptor().decryptIfSops(file)).isEmpty();
    assertThat(parses).containsExactly(Map.entry(SopsFormat.YAML, 1));
  }

  @Test
  void decryptIfSops_parsesAFileWithEncryptedValuesButNoBlockAndCallsItPlain() throws Exception {
    Path file = write(SopsFormat.YAML, "a: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\n");

    assertThat(decryptor().decryptIfSops(file)).isEmpty();
    assertThat(parses).containsExactly(Map.entry(SopsFormat.YAML, 1));
  }

  @Test
  void decryptIfSops_refusesAMalformedFileWithASopsBlock() throws Exception {
    Path file = write(SopsFormat.YAML, "a: [\nsops:\n    mac: x\n    version: 3.9.0\n");

    assertThatThrownBy(() -> decryptor().decryptIfSops(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("has a sops metadata block but is not valid YAML");
  }

  @Test
  void external_decryptIfSopsRunsSopsOnlyForSopsFiles() throws Exception {
    Path script = dir.resolve("sops");
    Files.writeString(script, "#!/bin/sh\necho ran >> '" + dir.resolve("runs") + "'\necho ok\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ExternalSopsDecryptor external = new ExternalSopsDecryptor(script, SopsKeys.none());
    Path plain = dir.resolve("plain.yaml");
    Files.writeString(plain, "a: b\n");

    assertThat(external.decryptIfSops(plain)).isEmpty();
    assertThat(dir.resolve("runs")).doesNotExist();
    assertThat(external.decryptIfSops(encrypted(SopsFormat.YAML)))
        .hasValueSatisfying(p -> assertThat(p).asString().isEqualTo("ok\n"));
    assertThat(dir.resolve("runs")).hasContent("ran");
  }
}
