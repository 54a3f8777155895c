package io.stow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The four hashes of a plain deployment folder, computed here from DESIGN section 6 independently
 * of stow-hash, so the integration tests check the labels against the specification, not against
 * the code under test.
 */
public record ExpectedHashes(String manifest, String config, String secrets, String deployment) {

  /** Hashes {@code dir}, counting the files at {@code secretPaths} as decrypted secrets. */
  public static ExpectedHashes of(Path dir, Set<String> secretPaths) {
    MessageDigest manifest = sha256();
    MessageDigest config = sha256();
    MessageDigest secrets = sha256();
    for (String relative : walk(dir, "")) {
      byte[] entry = entry(dir, relative);
      if (relative.equals("stow.yaml")) {
        manifest.update(entry);
      } else if (secretPaths.contains(relative)) {
        secrets.update(entry);
      } else {
        config.update(entry);
      }
    }
    String mh = hex(manifest.digest());
    String ch = hex(config.digest());
    String sh = hex(secrets.digest());
    String joined = "manifest\0" + mh + "\0config\0" + ch + "\0secrets\0" + sh;
    String dh = hex(sha256().digest(joined.getBytes(StandardCharsets.UTF_8)));
    return new ExpectedHashes(mh, ch, sh, dh);
  }

  private static List<String> walk(Path dir, String prefix) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    children.sort(
        (a, b) ->
            compareBytes(
                a.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                b.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
    List<String> files = new ArrayList<>();
    for (Path child : children) {
      String relative = prefix + child.getFileName();
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        files.addAll(walk(child, relative + "/"));
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        files.add(relative);
      }
    }
    return files;
  }

  private static byte[] entry(Path dir, String relative) {
    try {
      byte[] name = relative.getBytes(StandardCharsets.UTF_8);
      byte[] content = Files.readAllBytes(dir.resolve(relative));
      byte[] entry = new byte[name.length + 1 + content.length];
      System.arraycopy(name, 0, entry, 0, name.length);
      System.arraycopy(content, 0, entry, name.length + 1, content.length);
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int compareBytes(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
