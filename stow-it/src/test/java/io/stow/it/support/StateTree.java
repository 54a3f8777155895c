package io.stow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A recursive listing of a state directory: per path its type, size, mode, modification time, and
 * the SHA-256 of a file's bytes or a symlink's target. Two equal listings mean nothing was written.
 */
public final class StateTree {

  private StateTree() {}

  public static Map<String, String> of(Path root) {
    Map<String, String> listing = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        PosixFileAttributes a =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String type = a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file";
        String detail =
            a.isSymbolicLink()
                ? "-> " + Files.readSymbolicLink(p)
                : a.isRegularFile() ? "sha256=" + sha256(Files.readAllBytes(p)) : "";
        listing.put(
            root.relativize(p).toString(),
            type
                + " "
                + PosixFilePermissions.toString(a.permissions())
                + " size="
                + a.size()
                + " mtime="
                + a.lastModifiedTime().toInstant()
                + " "
                + detail);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return listing;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
