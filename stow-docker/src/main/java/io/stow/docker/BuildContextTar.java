package io.stow.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context folder as the tar the Docker API takes: regular files and directories only
 * (a deployment folder holds nothing else; anything else is refused), in name order, minus what
 * {@code .dockerignore} excludes (the Dockerfile and {@code .dockerignore} are always sent, as the
 * CLI sends them). Entries get fixed owners, times and modes (files 0644, directories 0755): the
 * deployment folder keeps no modes, and the build must not depend on when or where it was staged.
 */
final class BuildContextTar {

  /** 2000-01-01T00:00:00Z: a fixed time for every entry. */
  private static final long FIXED_TIME = 946_684_800_000L;

  private final Path root;
  private final String dockerfile;
  private final DockerIgnore ignore;

  private BuildContextTar(Path root, String dockerfile, DockerIgnore ignore) {
    this.root = root;
    this.dockerfile = dockerfile;
    this.ignore = ignore;
  }

  /** Writes the context of {@code root}, whose Dockerfile is {@code dockerfile}, to {@code out}. */
  static void write(Path root, String dockerfile, OutputStream out) throws IOException {
    Path ignoreFile = root.resolve(".dockerignore");
    DockerIgnore ignore =
        Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)
            ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8))
            : DockerIgnore.NONE;
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      new BuildContextTar(root, Path.of(dockerfile).normalize().toString(), ignore)
          .directory(root, "", tar);
      tar.finish();
    }
  }

  private void directory(Path dir, String prefix, TarArchiveOutputStream tar) throws IOException {
    for (Path child : children(dir)) {
      String name = prefix + child.getFileName();
      BasicFileAttributes attributes =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean always = name.equals(dockerfile) || name.equals(".dockerignore");
      boolean excluded = !always && ignore.excludes(name);
      if (attributes.isDirectory()) {
        if (excluded && !ignore.hasExceptions()) {
          continue;
        }
        if (!excluded) {
          TarArchiveEntry entry = new TarArchiveEntry(name + "/");
          entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
          entry.setModTime(FIXED_TIME);
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
        }
        directory(child, name + "/", tar);
      } else if (attributes.isRegularFile()) {
        if (!excluded) {
          file(child, name, attributes.size(), tar);
        }
      } else {
        throw new IOException(
            root.relativize(child)
                + " in the build context is not a regular file or directory; a deployment folder"
                + " holds regular files and directories only");
      }
    }
  }

  private static void file(Path path, String name, long size, TarArchiveOutputStream tar)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100644);
    entry.setModTime(FIXED_TIME);
    entry.setSize(size);
    tar.putArchiveEntry(entry);
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      long copied = in.transferTo(tar);
      if (copied != size) {
        throw new IOException(name + " changed while the build context was sent");
      }
    }
    tar.closeArchiveEntry();
  }

  private static List<Path> children(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    return children;
  }
}
