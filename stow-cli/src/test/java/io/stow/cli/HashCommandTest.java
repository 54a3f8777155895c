package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HashCommandTest {

  @Test
  void hash_printsTheGoldenValuesForTheGoldenTree() {
    CliRun run =
        CliRun.of(
            "hash",
            Path.of("..", "examples", "golden").toString(),
            "--secret",
            "runtime/secret.env");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().strip())
        .isEqualTo(
            "{\"manifest_hash\":\"03af79fe1f78a6e6dc4a2aee57d8bf20ab2e941b38d764411c2651f01a7dc8d9\","
                + "\"config_hash\":\"d0d782f7367a504d33c6e3664377fc4aa5737666d637df3b138038315c51edab\","
                + "\"secrets_hash\":\"49d2fbb81c670437626813e96cfcde797914f1e5b77260b50d857d16f95c90b7\","
                + "\"deployment_hash\":\"26afd0934a76c81a3835f3cd3fa74c73a37b8c705957407d4b40c43f6c7fa61d\"}");
  }

  @Test
  void hash_rejectsAbsoluteSecretPaths() {
    CliRun run =
        CliRun.of("hash", Path.of("..", "examples", "golden").toString(), "--secret", "/etc/x");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("relative to DIR");
  }
}
