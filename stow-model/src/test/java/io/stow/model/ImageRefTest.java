package io.stow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {

  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void parse_splitsRepositoryTagAndDigest() {
    ImageRef ref = ImageRef.parse("registry.example.com/apps/webapp:20260428.0@sha256:" + HEX);
    assertThat(ref.repository()).isEqualTo("registry.example.com/apps/webapp");
    assertThat(ref.tag()).isEqualTo("20260428.0");
    assertThat(ref.digest()).isEqualTo("sha256:" + HEX);
    assertThat(ref.pinned()).isEqualTo("registry.example.com/apps/webapp@sha256:" + HEX);
    assertThat(ref).hasToString("registry.example.com/apps/webapp:20260428.0@sha256:" + HEX);
  }

  @Test
  void parse_keepsRegistryPortInRepository() {
    ImageRef ref = ImageRef.parse("127.0.0.1:5000/stow-test/busybox:1@sha256:" + HEX);
    assertThat(ref.repository()).isEqualTo("127.0.0.1:5000/stow-test/busybox");
    assertThat(ref.tag()).isEqualTo("1");
  }

  @Test
  void parse_normalisesDigestToLowerCase() {
    ImageRef ref = ImageRef.parse("app:1@sha256:" + HEX.toUpperCase());
    assertThat(ref.digestHex()).isEqualTo(HEX);
  }

  @Test
  void parse_rejectsPortWithoutTag() {
    assertThatThrownBy(() -> ImageRef.parse("localhost:5000/app@sha256:" + HEX))
        .hasMessageContaining("has no tag");
  }

  @Test
  void parse_rejectsMissingDigest() {
    assertThatThrownBy(() -> ImageRef.parse("nginx:1.27")).hasMessageContaining("has no digest");
  }

  @Test
  void parse_rejectsShortDigest() {
    assertThatThrownBy(() -> ImageRef.parse("nginx:1@sha256:abc"))
        .hasMessageContaining("64 hex characters");
  }

  @Test
  void parse_rejectsUpperCaseRepository() {
    assertThatThrownBy(() -> ImageRef.parse("Apps/Web:1@sha256:" + HEX))
        .hasMessageContaining("invalid repository component 'Apps'");
  }

  @Test
  void parse_rejectsBadRegistryPort() {
    assertThatThrownBy(() -> ImageRef.parse("host:99999/app:1@sha256:" + HEX))
        .hasMessageContaining("invalid registry port");
  }

  @Test
  void parse_rejectsOtherDigestAlgorithms() {
    assertThatThrownBy(() -> ImageRef.parse("app:1@sha512:" + HEX))
        .hasMessageContaining("only sha256");
  }
}
