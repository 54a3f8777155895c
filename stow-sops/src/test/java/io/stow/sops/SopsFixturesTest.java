package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing fixtures fail the build when they are required, and skip with one warning otherwise. */
class SopsFixturesTest {

  @TempDir Path dir;

  @Test
  void locate_usesTheConfiguredDirectory() throws Exception {
    Files.writeString(dir.resolve("MANIFEST.md"), "fixtures\n");

    Path root =
        SopsFixtures.locate(
            Map.of(SopsFixtures.ENV, dir.toString()),
            true,
            Path.of("/nowhere"),
            new AtomicBoolean());

    assertThat(root).isEqualTo(dir);
  }

  @Test
  void locate_looksBesideTheCheckoutByDefault() throws Exception {
    Path fixtures = Files.createDirectories(dir.resolve("shared/fixtures/sops"));
    Files.writeString(fixtures.resolve("MANIFEST.md"), "fixtures\n");
    Path module = Files.createDirectories(dir.resolve("checkout/stow-sops"));

    assertThat(SopsFixtures.locate(Map.of(), true, module, new AtomicBoolean()))
        .isEqualTo(fixtures);
  }

  @Test
  void locate_failsWhenMissingFixturesAreRequired() {
    assertThatThrownBy(
            () ->
                SopsFixtures.locate(
                    Map.of(SopsFixtures.ENV, dir.resolve("absent").toString()),
                    true,
                    dir,
                    new AtomicBoolean()))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("fixtures not found at " + dir.resolve("absent"))
        .hasMessageContaining("STOW_REQUIRE_FIXTURES=true");
  }

  @Test
  void locate_skipsWithOneWarningWhenMissingFixturesAreOptional() {
    AtomicBoolean warned = new AtomicBoolean();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> SopsFixtures.locate(Map.of(), false, dir, warned))
            .isInstanceOf(TestAbortedException.class)
            .hasMessageContaining("set STOW_SOPS_FIXTURES");
      }
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("WARNING: SOPS interoperability fixtures not found")
        .endsWith("every test that needs them is SKIPPED");
  }
}
