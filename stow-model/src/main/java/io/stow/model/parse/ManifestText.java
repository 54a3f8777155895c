package io.stow.model.parse;

import io.stow.model.FileOwnership;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a deployment folder's text files (stow.yaml, a Compose file, {@code .env}) as the parsers
 * need them: regular files only (a symbolic link is refused, never followed), bounded in size,
 * UTF-8. Problems name the file and never quote it.
 */
final class ManifestText {

  /** The largest file accepted. */
  static final int MAX_BYTES = DescriptorParser.MAX_BYTES;

  private ManifestText() {}

  /**
   * The file's bytes, at most {@link #MAX_BYTES} + 1.
   *
   * @param missing what a missing file is told
   * @throws DescriptorException when it is a link or cannot be read
   */
  static byte[] read(Path file, String missing) {
    String name = file.toString();
    if (Files.isSymbolicLink(file)) {
      throw single(
          name,
          "is a symbolic link; a deployment folder holds regular files only: replace it with the"
              + " file itself");
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw single(name, missing);
    } catch (AccessDeniedException e) {
      throw single(name, "cannot read: permission denied: " + FileOwnership.describe(file));
    } catch (IOException e) {
      throw single(name, "cannot read: " + reason(e));
    }
  }

  /**
   * The bytes as UTF-8 text.
   *
   * @param tooLarge what a file over the bound is told after its size
   * @throws DescriptorException when the file is too large or not UTF-8
   */
  static String decode(String file, byte[] content, String tooLarge) {
    if (content.length > MAX_BYTES) {
      throw single(file, "the file is larger than " + MAX_BYTES / 1024 + " KiB; " + tooLarge);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw single(file, "is not UTF-8 text; save it as UTF-8");
    }
  }

  static DescriptorException single(String file, String message) {
    return new DescriptorException(List.of(new Problem(file, "", 0, 0, message)));
  }

  private static String reason(IOException e) {
    String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : null;
    if (reason == null) {
      reason = e.getMessage();
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }
}
