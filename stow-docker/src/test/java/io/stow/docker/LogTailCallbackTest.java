package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTailCallbackTest {

  @Test
  void lastLines_keepsTheNewestLinesOldestFirst() {
    assertThat(LogTailCallback.lastLines("a\nb\r\nc\n", 2)).containsExactly("b", "c");
  }

  @Test
  void lastLines_keepsAnUnterminatedLastLine() {
    assertThat(LogTailCallback.lastLines("a\nb", 5)).containsExactly("a", "b");
  }

  @Test
  void lastLines_emptyLogHasNoLines() {
    assertThat(LogTailCallback.lastLines("", 5)).isEmpty();
  }
}
