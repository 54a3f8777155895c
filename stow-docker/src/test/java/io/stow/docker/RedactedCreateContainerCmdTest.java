package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedCreateContainerCmdTest {

  @Test
  void toString_showsEnvNamesButNeverValues() {
    RedactedCreateContainerCmd cmd =
        new RedactedCreateContainerCmd(
            c -> {
              throw new AssertionError("never executed");
            },
            "app:1");
    cmd.withName("web").withEnv("PASSWORD=s3cret", "EMPTY=");

    assertThat(cmd.toString())
        .contains("web", "app:1", "PASSWORD", "EMPTY")
        .doesNotContain("s3cret");
  }
}
