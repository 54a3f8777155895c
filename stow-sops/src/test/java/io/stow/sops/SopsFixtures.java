package io.stow.sops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Locates the shared third-party SOPS fixtures for every module's tests (published in stow-sops's
 * test jar): {@code $STOW_SOPS_FIXTURES}, else {@code ../../shared/fixtures/sops} from the module
 * (the checkout's parent holds {@code shared/}). They are never copied into the repository.
 *
 * <p>When they are missing, a test that needs them fails if the system property {@value
 * #REQUIRE_PROPERTY} is {@code true} (CI sets it), and is skipped otherwise, with one warning for
 * the whole run.
 */
public final class SopsFixtures {

  /** The variable naming the fixtures directory. */
  public static final String ENV = "STOW_SOPS_FIXTURES";

  /** The system property that turns missing fixtures from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "stow.requireFixtures";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private SopsFixtures() {}

  /**
   * The fixtures directory.
   *
   * @throws AssertionFailedError when it is missing and fixtures are required
   * @throws TestAbortedException when it is missing otherwise, which skips the calling test
   */
  public static Path root() {
    return locate(
        System.getenv(),
        Boolean.getBoolean(REQUIRE_PROPERTY),
        Path.of("").toAbsolutePath(),
        WARNED);
  }

  /** {@link #root()} with its inputs given, for tests of the rule itself. */
  static Path locate(
      Map<String, String> environment, boolean required, Path moduleDir, AtomicBoolean warned) {
    String configured = environment.get(ENV);
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : moduleDir.resolve("../../shared/fixtures/sops").normalize();
    if (Files.isRegularFile(root.resolve("MANIFEST.md"))) {
      return root;
    }
    String message =
        "SOPS interoperability fixtures not found at "
            + root
            + ": set "
            + ENV
            + " or check out shared/ beside the repository";
    if (required) {
      throw new AssertionFailedError(message + " (STOW_REQUIRE_FIXTURES=true, as CI sets it)");
    }
    if (warned.compareAndSet(false, true)) {
      System.err.println("WARNING: " + message + "; every test that needs them is SKIPPED");
    }
    throw new TestAbortedException(message);
  }

  /** A fixture file, by its path below {@code files/}. */
  public static Path file(String relative) {
    return root().resolve("files").resolve(relative);
  }

  /** A key file, by its name in {@code keys/}. */
  public static Path key(String name) {
    return root().resolve("keys").resolve(name);
  }

  /** K1: the getsops/sops functional test PGP keys. */
  public static SopsKeys sopsFunctionalKeys() {
    return SopsKeys.none().withPgpKeyFile(key("getsops-sops_functional_tests_key.asc"));
  }

  /** K2: the sops-nix age identity. */
  public static SopsKeys sopsNixAge() {
    return SopsKeys.none().withAgeKeyFile(key("sops-nix-age-keys.txt"));
  }

  /** K3: the sops-nix PGP key. */
  public static SopsKeys sopsNixPgp() {
    return SopsKeys.none().withPgpKeyFile(key("sops-nix-key.asc"));
  }

  /** K3b: the second sops-nix PGP key. */
  public static SopsKeys sopsNixSshPgp() {
    return SopsKeys.none().withPgpKeyFile(key("sops-nix-ssh-key.asc"));
  }
}
