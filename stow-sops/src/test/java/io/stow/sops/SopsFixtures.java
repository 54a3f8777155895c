package io.stow.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared third-party SOPS fixtures: {@code $STOW_SOPS_FIXTURES}, else {@code
 * ../../shared/fixtures/sops} from this module (the checkout's parent holds {@code shared/}). They
 * are never copied into the repository.
 */
final class SopsFixtures {

  static final String ENV = "STOW_SOPS_FIXTURES";

  private SopsFixtures() {}

  /** The fixtures directory; skips the calling test, saying why, when it is absent. */
  static Path root() {
    String configured = System.getenv(ENV);
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared/fixtures/sops").normalize();
    boolean present = Files.isRegularFile(root.resolve("MANIFEST.md"));
    if (!present) {
      String message =
          "SOPS interoperability fixtures not found at "
              + root
              + ": set "
              + ENV
              + " or check out shared/ beside the repository; golden tests SKIPPED";
      System.err.println("WARNING: " + message);
      assumeTrue(false, message);
    }
    return root;
  }

  static Path file(String relative) {
    return root().resolve("files").resolve(relative);
  }

  static Path key(String name) {
    return root().resolve("keys").resolve(name);
  }

  /** K1: the getsops/sops functional test PGP keys. */
  static SopsKeys sopsFunctionalKeys() {
    return SopsKeys.none().withPgpKeyFile(key("getsops-sops_functional_tests_key.asc"));
  }

  /** K2: the sops-nix age identity. */
  static SopsKeys sopsNixAge() {
    return SopsKeys.none().withAgeKeyFile(key("sops-nix-age-keys.txt"));
  }

  /** K3: the sops-nix PGP key. */
  static SopsKeys sopsNixPgp() {
    return SopsKeys.none().withPgpKeyFile(key("sops-nix-key.asc"));
  }

  /** K3b: the second sops-nix PGP key. */
  static SopsKeys sopsNixSshPgp() {
    return SopsKeys.none().withPgpKeyFile(key("sops-nix-ssh-key.asc"));
  }
}
