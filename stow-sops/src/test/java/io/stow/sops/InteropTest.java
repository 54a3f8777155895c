package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data keys encrypted by the real {@code gpg} and {@code age} tools decrypt natively. */
class InteropTest {

  @TempDir Path dir;

  private static byte[] dataKey() {
    return HexFormat.of().parseHex(TestKeys.resourceText("interop-datakey.hex").strip());
  }

  @Test
  void pgp_decryptsGnupgMessageForCurve25519Subkey() {
    PgpKeyring keyring = PgpKeyring.load(List.of(TestKeys.cv25519(dir).secretKeyFile()));

    assertThat(keyring.decrypt(TestKeys.resourceText("interop-datakey.gpg.asc")))
        .isEqualTo(dataKey());
  }

  @Test
  void pgp_refusesPassphraseProtectedKeyWithAdvice() {
    PgpKeyring keyring = PgpKeyring.load(List.of(TestKeys.protectedKey(dir).secretKeyFile()));

    assertThatThrownBy(
            () -> keyring.decrypt(TestKeys.resourceText("interop-datakey-protected.gpg.asc")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("protected by a passphrase")
        .hasMessageContaining("configure sopsBinary");
  }

  @Test
  void pgp_returnsNullForMessageToAnotherKey() {
    PgpKeyring keyring = PgpKeyring.load(List.of(TestKeys.cv25519(dir).secretKeyFile()));

    assertThat(keyring.decrypt(TestKeys.resourceText("interop-datakey-protected.gpg.asc")))
        .isNull();
  }

  @Test
  void age_decryptsAgeToolOutput() {
    AgeIdentities identities =
        AgeIdentities.load(
            SopsKeys.none().withAgeKey(TestKeys.resourceText("interop-age-identity.txt")));

    assertThat(identities.size()).isEqualTo(1);
    assertThat(identities.decrypt(TestKeys.resourceText("interop-datakey.age")))
        .isEqualTo(dataKey());
  }

  @Test
  void age_decryptsSopsKeysourceTestVector() {
    Path file = SopsFixtures.file("getsops-sops/age_keysource_test_mockEncryptedKey.age");
    AgeIdentities identities =
        AgeIdentities.load(
            SopsKeys.none()
                .withAgeKey(
                    "AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7"));

    assertThat(identities.decrypt(readString(file))).asString().isEqualTo("data");
  }

  @Test
  void age_reportsUnsupportedIdentityKindsWithoutQuotingThem() {
    AgeIdentities identities =
        AgeIdentities.load(
            SopsKeys.none()
                .withAgeKey(
                    "AGE-PLUGIN-YUBIKEY-1SECRETSTUFF\nAGE-SECRET-KEY-PQ-1SECRET\nnonsense-line"));

    assertThat(identities.size()).isZero();
    assertThat(String.join("\n", identities.problems()))
        .contains("line 1 of SOPS_AGE_KEY is an age plugin identity")
        .contains("line 2 of SOPS_AGE_KEY is a post-quantum age identity")
        .contains("line 3 of SOPS_AGE_KEY is not an age identity")
        .doesNotContain("SECRETSTUFF")
        .doesNotContain("nonsense-line");
  }

  @Test
  void shamir_combinesVaultLayoutShares() {
    byte[] secret = dataKey();
    List<byte[]> shares = SopsTestEncryptor.split(secret, 5, 3);

    assertThat(Shamir.combine(List.of(shares.get(4), shares.get(0), shares.get(2))))
        .isEqualTo(secret);
    assertThat(Shamir.combine(List.of(shares.get(0), shares.get(1)))).isNotEqualTo(secret);
  }

  private static String readString(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
