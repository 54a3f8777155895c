package io.stow.model.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the daemon configuration parser: a configuration or a {@link
 * DescriptorException}, nothing else, and a token never shows in a message.
 */
class DaemonConfigParserFuzzTest {

  private static final String TOKEN = "glpat-F0ZZ-S3NT1NEL";

  @FuzzTest(maxDuration = "6s")
  void parse(byte[] content) {
    byte[] withToken =
        (new String(content, java.nio.charset.StandardCharsets.UTF_8).replace("TOKEN", TOKEN))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      DaemonConfigParser.parse(Path.of("/etc/stow/daemon.yaml"), withToken, () -> "host");
    } catch (DescriptorException expected) {
      if (expected.getMessage().contains(TOKEN)) {
        throw new IllegalStateException("a configuration problem shows the token");
      }
    }
  }
}
