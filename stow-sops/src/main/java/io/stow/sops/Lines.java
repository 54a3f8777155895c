package io.stow.sops;

import java.nio.charset.StandardCharsets;

/**
 * Scans the lines of a file's bytes without decoding them, for the cheap checks that decide whether
 * a file needs parsing at all. Lines end at {@code \n}; a trailing {@code \r} is not part of the
 * line. The prefixes looked for are ASCII, so comparing bytes is comparing UTF-8 text.
 */
final class Lines {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final byte[] content;
  private int next;
  private int start;
  private int end;

  Lines(byte[] content) {
    this.content = content;
    this.next = startsWith(content, 0, content.length, BOM) ? BOM.length : 0;
  }

  /** Moves to the next line; false at the end of the content. */
  boolean advance() {
    if (next > content.length || (next == content.length && next > 0)) {
      return false;
    }
    start = next;
    int newline = start;
    while (newline < content.length && content[newline] != '\n') {
      newline++;
    }
    end = newline > start && content[newline - 1] == '\r' ? newline - 1 : newline;
    next = newline + 1;
    return true;
  }

  /** Whether the current line starts with {@code prefix}, from its first column. */
  boolean startsWith(String prefix) {
    return startsWith(content, start, end, ascii(prefix));
  }

  /** Whether the current line, without its leading blanks, starts with {@code prefix}. */
  boolean strippedStartsWith(String prefix) {
    return startsWith(content, firstNonBlank(), end, ascii(prefix));
  }

  /**
   * Whether the current line, without its leading blanks, is the key {@code key} followed by
   * optional blanks and one of {@code delimiters}.
   */
  boolean isKey(String key, String delimiters) {
    int i = firstNonBlank();
    byte[] bytes = ascii(key);
    if (!startsWith(content, i, end, bytes)) {
      return false;
    }
    i += bytes.length;
    while (i < end && (content[i] == ' ' || content[i] == '\t')) {
      i++;
    }
    return i < end && delimiters.indexOf(content[i]) >= 0;
  }

  /** Whether the current line begins with a space or tab. */
  boolean isIndented() {
    return end > start && (content[start] == ' ' || content[start] == '\t');
  }

  /** Whether the current line holds only blanks or is a comment starting with {@code marker}. */
  boolean isBlankOrComment(char marker) {
    int first = firstNonBlank();
    return first == end || content[first] == marker;
  }

  /** The current line without leading and trailing blanks equals {@code text}. */
  boolean strippedEquals(String text) {
    int from = firstNonBlank();
    int to = end;
    while (to > from && (content[to - 1] == ' ' || content[to - 1] == '\t')) {
      to--;
    }
    byte[] expected = ascii(text);
    return to - from == expected.length && startsWith(content, from, to, expected);
  }

  private int firstNonBlank() {
    int i = start;
    while (i < end && (content[i] == ' ' || content[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] content, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
