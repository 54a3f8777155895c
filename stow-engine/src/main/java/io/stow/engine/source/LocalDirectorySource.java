package io.stow.engine.source;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deployment folder on this machine ({@code --dir}). Its revision is {@link
 * DesiredStateSource#LOCAL_REVISION}. The folder is copied into the staging directory: regular
 * files and directories only; a symbolic link or special file is refused with its path. {@code
 * .git} directories are skipped, since the hash must never depend on Git metadata.
 */
public final class LocalDirectorySource implements DesiredStateSource {

  private final Path dir;

  public LocalDirectorySource(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  @Override
  public String resolveRevision() {
    return LOCAL_REVISION;
  }

  @Override
  public void materialise(String revision, Path staging) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new SourceException(
          "deployment directory " + dir + " does not exist or is not a directory; pass --dir DIR");
    }
    copyTree(dir, staging);
  }

  @Override
  public String describe() {
    return "directory " + dir;
  }

  /** The directory's name. */
  @Override
  public String folderName() {
    return dir.getFileName() == null ? "" : dir.getFileName().toString();
  }

  private void copyTree(Path from, Path to) throws IOException {
    for (Path child : children(from)) {
      String name = child.getFileName().toString();
      BasicFileAttributes attributes =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        if (name.equals(".git")) {
          continue;
        }
        Path target = PrivateFiles.createDirectory(to.resolve(name));
        copyTree(child, target);
      } else if (attributes.isRegularFile()) {
        try (InputStream in = Files.newInputStream(child, LinkOption.NOFOLLOW_LINKS)) {
          PrivateFiles.copyNew(in, to.resolve(name));
        }
      } else {
        throw new SourceException(
            dir.relativize(child)
                + " in "
                + dir
                + " is "
                + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                + "; a deployment folder holds regular files and directories only: replace it"
                + " with a copy of the file");
      }
    }
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
