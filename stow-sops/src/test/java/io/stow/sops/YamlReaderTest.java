package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the YAML reader feeds the scanner, which decides whether parsing stays linear. */
class YamlReaderTest {

  /** Counts the reads the scanner makes of its source. */
  private static final class CountingReader extends FilterReader {
    int reads;

    CountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      reads++;
      return super.read(buffer, offset, length);
    }
  }

  @Test
  void read_givesTheScannerTheWholeTextInOneWindow() {
    // snakeyaml's reader copies its unread window on every refill: with a small buffer, a scalar
    // of n characters costs n^2 / buffer copies (11 MB took minutes); one window costs one copy
    String yaml = "token: " + "A".repeat(4 * 1024 * 1024) + "\nother: b\n";
    CountingReader source = new CountingReader(new StringReader(yaml));

    List<Node.MapNode> documents = YamlReader.read(source, yaml.length(), SopsLimits.DEFAULT);

    assertThat(source.reads).isLessThanOrEqualTo(2);
    assertThat(documents).hasSize(1);
    assertThat(((Node.Scalar) documents.get(0).get("token")).value())
        .isEqualTo("A".repeat(4 * 1024 * 1024));
  }
}
