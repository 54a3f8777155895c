package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every third-party fixture decrypts with its listed key to the plaintext in expected/. */
class FixtureGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers compare by value: 1234568000 equals 1234568000.0. */
  private static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("getsops-sops/format.enc.yaml", "K1"),
        Arguments.of("getsops-sops/format.enc.json", "K1"),
        Arguments.of("getsops-sops/format.enc.env", "K1"),
        Arguments.of("getsops-sops/format.enc.ini", "K1"),
        Arguments.of("getsops-sops/format-2.enc.ini", "K1"),
        Arguments.of("getsops-sops/comments.enc.yaml", "K1"),
        Arguments.of("getsops-sops/multiple_keys.yaml", "K1"),
        Arguments.of("getsops-sops/example.yaml", "K1"),
        Arguments.of("getsops-sops/example.json", "K1"),
        Arguments.of("getsops-sops/example.ini", "K1"),
        Arguments.of("getsops-sops/example.txt", "K1"),
        Arguments.of("sops-nix/secrets.yaml", "K2"),
        Arguments.of("sops-nix/secrets.yaml", "K3"),
        Arguments.of("sops-nix/secrets.yaml", "K3b"),
        Arguments.of("sops-nix/secrets.json", "K3"),
        Arguments.of("sops-nix/secrets.env", "K3"),
        Arguments.of("sops-nix/secrets.env", "K3b"),
        Arguments.of("sops-nix/secrets.ini", "K3"),
        Arguments.of("sops-nix/secrets.ini", "K3b"),
        Arguments.of("sops-nix/secrets.bin", "K3"));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("fixtures")
  void decrypt_matchesExpectedPlaintext(String relative, String key) throws Exception {
    Path file = SopsFixtures.file(relative);
    SopsDecryptor decryptor = new SopsDecryptor(keys(key));
    JsonNode expected = expected(relative).get("plaintext");

    assertThat(decryptor.isSopsFile(file)).isTrue();
    // real sops output is recognised by the line or token scan alone, without a parse
    assertThat(SopsFormat.of(file).store().hasMetadataBlock(Files.readAllBytes(file))).isTrue();
    assertThat(decryptor.decryptIfSops(file)).hasValue(decryptor.decrypt(file));
    if (SopsFormat.of(file) == SopsFormat.BINARY) {
      assertThat(new String(decryptor.decrypt(file), StandardCharsets.UTF_8))
          .isEqualTo(expected.asText());
    } else {
      JsonNode actual = JSON.readTree(decryptor.decryptToJson(file));
      assertThat(actual.equals(NUMERIC, expected))
          .as("decrypted tree of %s: %s", relative, actual)
          .isTrue();
      // the native output reads back as the same tree
      assertThat(decryptor.decrypt(file)).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void decrypt_refusesFileWithoutValidMac(String relative) {
    Path file = SopsFixtures.file(relative);
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsFunctionalKeys());

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("MAC");
  }

  static Stream<String> refused() {
    return Stream.of(
        "getsops-sops/no_mac.yaml",
        "derived/example.tampered-unencrypted.yaml",
        "derived/example.swapped-list-items.yaml");
  }

  private static JsonNode expected(String relative) throws Exception {
    String name = relative.replace('/', '_') + ".json";
    return JSON.readTree(Files.readString(SopsFixtures.root().resolve("expected").resolve(name)));
  }

  private static SopsKeys keys(String name) {
    return switch (name) {
      case "K1" -> SopsFixtures.sopsFunctionalKeys();
      case "K2" -> SopsFixtures.sopsNixAge();
      case "K3" -> SopsFixtures.sopsNixPgp();
      case "K3b" -> SopsFixtures.sopsNixSshPgp();
      default -> throw new IllegalArgumentException(name);
    };
  }
}
