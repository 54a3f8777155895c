package io.stow.it.bench.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a process appends to its log file, each line once: cheap enough to poll every
 * millisecond while the process under test runs on the same cores.
 */
public final class LogTail {

  private final Path file;
  private long offset;
  private final StringBuilder partial = new StringBuilder();

  public LogTail(Path file) {
    this.file = file;
  }

  /** The complete lines written since the last call. */
  public List<String> newLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return lines;
      }
      byte[] bytes = new byte[(int) (length - offset)];
      in.seek(offset);
      in.readFully(bytes);
      offset = length;
      partial.append(new String(bytes, StandardCharsets.UTF_8));
    }
    int start = 0;
    for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", start)) {
      lines.add(partial.substring(start, nl));
      start = nl + 1;
    }
    partial.delete(0, start);
    return lines;
  }
}
