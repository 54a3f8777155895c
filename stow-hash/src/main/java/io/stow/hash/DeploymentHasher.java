package io.stow.hash;

import io.stow.model.DeploymentHashes;
import io.stow.model.parse.ManifestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Hashes a deployment folder exactly like the original tool, so a host can move between the two
 * without a redeploy.
 *
 * <p>Every hashed file contributes its relative path ({@code /}-separated, UTF-8), a NUL byte and
 * its contents. The tree is walked depth first, entries sorted by name bytes within each directory;
 * only regular files count (symbolic links are not followed). {@code manifest_hash} covers the
 * folder's manifest alone ({@code stow.yaml}, or the Compose file of a Compose deployment), {@code
 * config_hash} every other file except the secret files, {@code secrets_hash} the secret files
 * only, and {@code deployment_hash} is SHA-256 of {@code "manifest" 0 mh 0 "config" 0 ch 0
 * "secrets" 0 sh}. File contents are streamed: memory use does not depend on file size.
 *
 * <p>Names are hashed as their UTF-8 bytes whatever the caller's locale: hashing refuses to run in
 * a JVM that decodes file names with another charset (the {@code stow} launcher sets a UTF-8
 * locale), and refuses a name that is not valid UTF-8, naming its path.
 */
public final class DeploymentHasher {

  /** The descriptor's file name at the root of a deployment folder (stow's own format). */
  public static final String MANIFEST = "stow.yaml";

  private static final int BUFFER_SIZE = 128 * 1024;

  private DeploymentHasher() {}

  /**
   * Hashes the folder.
   *
   * @param secretFiles relative paths ({@code /}-separated) of the decrypted secret files
   * @throws NoSuchFileException when the folder has neither stow.yaml nor a Compose file
   * @throws io.stow.model.parse.DescriptorException when it has more than one of them
   */
  public static DeploymentHashes hash(Path root, Set<String> secretFiles) throws IOException {
    FileNames.requireUtf8();
    String name = ManifestFiles.find(root).orElse(MANIFEST);
    Path manifest = root.resolve(name);
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(
          manifest.toString(), null, "no " + ManifestFiles.expected() + " to hash");
    }
    MessageDigest manifestDigest = sha256();
    update(manifestDigest, manifest, name);
    MessageDigest config = sha256();
    MessageDigest secrets = sha256();
    walk(root, "", name, secretFiles, config, secrets);
    String manifestHash = hex(manifestDigest);
    String configHash = hex(config);
    String secretsHash = hex(secrets);
    return new DeploymentHashes(
        manifestHash, configHash, secretsHash, combine(manifestHash, configHash, secretsHash));
  }

  /** SHA-256 of {@code "manifest" 0 mh 0 "config" 0 ch 0 "secrets" 0 sh}. */
  public static String combine(String manifestHash, String configHash, String secretsHash) {
    MessageDigest digest = sha256();
    String joined =
        "manifest\0" + manifestHash + "\0config\0" + configHash + "\0secrets\0" + secretsHash;
    digest.update(joined.getBytes(StandardCharsets.UTF_8));
    return hex(digest);
  }

  /**
   * SHA-256 (hex) of a folder's regular files, each as its relative path, a NUL byte and its
   * contents, in the order {@link #hash} walks them: what a build context holds.
   */
  public static String treeHash(Path dir) throws IOException {
    FileNames.requireUtf8();
    MessageDigest digest = sha256();
    walk(dir, "", null, Set.of(), digest, digest);
    return hex(digest);
  }

  private static void walk(
      Path dir,
      String prefix,
      String manifest,
      Set<String> secretFiles,
      MessageDigest config,
      MessageDigest secrets)
      throws IOException {
    for (Entry entry : sortedEntries(dir)) {
      String relative = prefix + entry.name();
      BasicFileAttributes attributes =
          Files.readAttributes(entry.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        walk(entry.path(), relative + "/", manifest, secretFiles, config, secrets);
      } else if (attributes.isRegularFile() && !relative.equals(manifest)) {
        update(secretFiles.contains(relative) ? secrets : config, entry.path(), relative);
      }
    }
  }

  private record Entry(Path path, String name, byte[] nameBytes) {}

  private static List<Entry> sortedEntries(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path path : stream) {
        String name = FileNames.checkedName(path);
        entries.add(new Entry(path, name, name.getBytes(StandardCharsets.UTF_8)));
      }
    }
    entries.sort((a, b) -> Arrays.compareUnsigned(a.nameBytes(), b.nameBytes()));
    return entries;
  }

  private static void update(MessageDigest digest, Path file, String relative) throws IOException {
    digest.update(relative.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
