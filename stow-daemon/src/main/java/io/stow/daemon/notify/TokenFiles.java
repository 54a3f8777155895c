package io.stow.daemon.notify;

import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads a target's {@code tokenFile}, once, when the daemon starts (or {@code stow notify-test}
 * runs): a regular file (not a link, FIFO or device) of at most {@value #MAX_BYTES} bytes holding
 * the token alone on one line. Messages name the file, never its content.
 */
public final class TokenFiles {

  /** The largest token file accepted. */
  public static final int MAX_BYTES = 4096;

  private TokenFiles() {}

  /** The token of {@code target}, or empty when it has no {@code tokenFile}. */
  public static Optional<Secret> read(NotifyTarget target) {
    if (target.tokenFile().isEmpty()) {
      return Optional.empty();
    }
    Path file = target.tokenFile().get();
    String where = "the tokenFile " + file + " of the notify target " + target.name();
    byte[] bytes;
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        throw new NotifyException(
            where + " is not a regular file; put the token alone in a plain file there");
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw new NotifyException(where + " does not exist; write the token there");
    } catch (AccessDeniedException e) {
      throw new NotifyException(where + " cannot be read: permission denied; run stow as root");
    } catch (IOException e) {
      throw new NotifyException(where + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new NotifyException(
          where + " is larger than " + MAX_BYTES + " bytes; it holds a token");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString()
              .strip();
    } catch (CharacterCodingException e) {
      throw new NotifyException(where + " is not UTF-8 text");
    }
    if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new NotifyException(where + " must hold the token alone, on one line");
    }
    return Optional.of(Secret.of(text));
  }
}
