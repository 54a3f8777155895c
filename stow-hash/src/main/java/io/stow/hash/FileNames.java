package io.stow.hash;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * File names as UTF-8, the only encoding in which the deployment hash is defined. The JVM decodes
 * file names with the charset of its locale at start-up ({@code sun.jnu.encoding}); under {@code
 * LANG=C} a name such as {@code café} would come back as {@code caf??} and hash differently.
 */
public final class FileNames {

  /** The system property holding the charset the JVM uses for file names. */
  public static final String ENCODING_PROPERTY = "sun.jnu.encoding";

  private FileNames() {}

  /**
   * @throws IllegalStateException when this JVM does not decode file names as UTF-8
   */
  public static void requireUtf8() {
    String encoding = System.getProperty(ENCODING_PROPERTY, "");
    if (!isUtf8(encoding)) {
      throw new IllegalStateException(
          "this Java runtime decodes file names as "
              + (encoding.isEmpty() ? "an unknown charset" : encoding)
              + ", so names with non-ASCII characters would hash differently from other hosts;"
              + " run stow with a UTF-8 locale (LC_ALL=C.UTF-8, which the stow launcher sets)");
    }
  }

  private static boolean isUtf8(String encoding) {
    try {
      return !encoding.isEmpty() && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The name of {@code path}; refuses a name whose bytes are not valid UTF-8. Java decodes such
   * bytes to U+FFFD, so a name holding U+FFFD is genuine only when it resolves to the same file.
   *
   * @throws InvalidFileNameException naming the path
   */
  static String checkedName(Path path) throws IOException {
    String name = path.getFileName().toString();
    if (name.indexOf('\uFFFD') >= 0) {
      Path reencoded = path.resolveSibling(new String(name.getBytes(StandardCharsets.UTF_8)));
      if (!Files.exists(reencoded, LinkOption.NOFOLLOW_LINKS)
          || !Files.isSameFile(reencoded, path)) {
        throw new InvalidFileNameException(path);
      }
    }
    return name;
  }

  /** A file name that is not valid UTF-8. */
  public static final class InvalidFileNameException extends IOException {

    private static final long serialVersionUID = 1L;

    InvalidFileNameException(Path path) {
      super(
          path
              + ": the file name is not valid UTF-8; rename it (deployment hashes are defined over"
              + " UTF-8 names)");
    }
  }
}
