package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stow validate} on Compose folders. */
class ValidateComposeCommandTest {

  static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path tmp;
  private Path dir;

  private void write(String name, String content) throws IOException {
    if (dir == null) {
      dir = Files.createDirectories(tmp.resolve("shop"));
    }
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private CliRun validate(String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "validate";
    args[1] = dir.toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return CliRun.of(args);
  }

  @Test
  void validate_acceptsAComposeFolderAndNamesTheProjectAfterIt() throws IOException {
    write(
        "compose.yaml",
        """
        services:
          web:
            build: ./web
            depends_on: [db]
          db:
            image: postgres:16@%s
            volumes: [data:/var/lib/postgresql/data]
            secrets: [db_password]
          tools:
            image: busybox:1@%s
            profiles: [debug]
        volumes:
          data:
        secrets:
          db_password:
            file: ./db_password.txt
        """
            .formatted(DIGEST, DIGEST));
    write("web/Dockerfile", "FROM scratch\n");
    write("db_password.txt", "s3cr3t\n");

    CliRun run = validate();
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("compose.yaml is valid: deployment shop, 2 containers, 1 network, 1 volume");

    CliRun debug = validate("--profile", "debug");
    assertThat(debug.out()).contains("3 containers");
  }

  @Test
  void validate_reportsUnsupportedKeysAnOutsideContextAndAnUnpinnedImageWithLineAndColumn()
      throws IOException {
    write(
        "docker-compose.yml",
        """
        version: "3.8"
        services:
          web:
            build: ../outside
            privileged: true
          cache:
            image: redis:7
        """);

    CliRun run = validate();

    assertThat(run.status()).isEqualTo(1);
    String file = dir.resolve("docker-compose.yml").toString();
    assertThat(run.err())
        .contains(file + ":4:12: services.web.build: the build context '../outside' leaves")
        .contains(file + ":5:5: services.web.privileged: 'privileged' is not supported by stow")
        .contains(file + ":7:12: services.cache.image: image 'redis:7' has no digest")
        .contains("stow pin");
  }

  @Test
  void validate_refusesAMissingBuildContextAndASymlinkedSecret() throws IOException {
    write(
        "compose.yaml",
        """
        services:
          web:
            build: ./web
            secrets: [token]
        secrets:
          token:
            file: ./token.txt
        """);
    Path outside = Files.writeString(tmp.resolve("token-elsewhere.txt"), "t");
    Files.createSymbolicLink(dir.resolve("token.txt"), outside);

    CliRun run = validate();

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("service web (container shop-web-1) build context './web'", "does not exist")
        .contains("token.txt is a symbolic link");
  }

  @Test
  void validate_refusesStowYamlBesideACompose() throws IOException {
    write("compose.yaml", "services: {}\n");
    write("stow.yaml", "deployment: {name: x}\ncontainers: []\n");

    CliRun run = validate();

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("stow.yaml and compose.yaml");
  }

  @Test
  void validate_readsASopsEncryptedDotenvWithTheKeysGiven() throws IOException {
    Path fixtures = fixtures();
    write(
        "compose.yaml",
        "services:\n  web:\n    image: busybox:1@"
            + DIGEST
            + "\n    environment:\n      FOO: ${foo:?}\n");
    Files.copy(fixtures.resolve("files/getsops-sops/format.enc.env"), dir.resolve(".env"));

    CliRun withoutKeys = validate();
    assertThat(withoutKeys.status()).isEqualTo(1);
    assertThat(withoutKeys.err()).contains(".env", "no PGP key file is configured");

    CliRun withKeys =
        validate(
            "--pgp-key-file",
            fixtures.resolve("keys/getsops-sops_functional_tests_key.asc").toString());
    assertThat(withKeys.status()).as(withKeys.err()).isZero();
    assertThat(withKeys.out()).contains("is valid");
    assertThat(withKeys.out() + withKeys.err()).doesNotContain("bar");
  }

  private static Path fixtures() {
    String configured = System.getenv("STOW_SOPS_FIXTURES");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared/fixtures/sops").normalize();
    assumeTrue(
        Files.isRegularFile(root.resolve("MANIFEST.md")),
        "SOPS fixtures not found at " + root + " (set STOW_SOPS_FIXTURES)");
    return root;
  }
}
