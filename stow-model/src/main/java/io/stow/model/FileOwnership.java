package io.stow.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Says who owns a file and with which mode, so a "permission denied" says what to change. One
 * wording for every front end and module.
 */
public final class FileOwnership {

  private FileOwnership() {}

  /**
   * For example {@code "owned by root:root with mode 0600 (rw-------), and stow runs as alice;
   * ..."}.
   */
  public static String describe(Path file) {
    String user = System.getProperty("user.name");
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> mode = attributes.permissions();
      return "owned by "
          + attributes.owner().getName()
          + ":"
          + attributes.group().getName()
          + " with mode "
          + octal(mode)
          + " ("
          + PosixFilePermissions.toString(mode)
          + "), and stow runs as "
          + user
          + "; run stow as a user who may read it, or let the owner grant read access";
    } catch (IOException | UnsupportedOperationException e) {
      return "its owner and mode cannot be read either (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission permission : mode) {
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", bits);
  }
}
