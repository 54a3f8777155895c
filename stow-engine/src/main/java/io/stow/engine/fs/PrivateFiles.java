package io.stow.engine.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * File operations for state that may hold decrypted secrets: directories 0700, files 0600, writes
 * through a temporary file in the same directory and an atomic move.
 */
public final class PrivateFiles {

  public static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /**
   * Creates the directory and its missing parents, each 0700; directories that exist already keep
   * their mode (a state root such as {@code /srv} is not stow's to lock down).
   */
  public static Path createPrivateDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>();
    for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
    return dir;
  }

  /** Makes an existing directory of stow's own 0700 (it may hold decrypted secrets). */
  public static void restrictDirectory(Path dir) throws IOException {
    setMode(dir, DIR_MODE);
  }

  /** Creates a new directory with mode 0700; fails when it exists. */
  public static Path createDirectory(Path dir) throws IOException {
    if (POSIX) {
      Files.createDirectory(dir, dirAttribute());
    } else {
      Files.createDirectory(dir);
    }
    setMode(dir, DIR_MODE);
    return dir;
  }

  /** Creates a fresh 0700 directory with a unique name below {@code parent}. */
  public static Path createUniqueDirectory(Path parent, String prefix) throws IOException {
    return createDirectory(parent.resolve(prefix + UUID.randomUUID()));
  }

  /**
   * Writes the bytes with mode 0600 via a temporary sibling file and an atomic move; the file and
   * then its directory are synced, so after a power cut the file holds either the old or the new
   * content, never nothing.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      createFile(temp);
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(file.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Flushes a directory's entries (a rename or new file in it) to disk. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (POSIX) {
        throw e;
      }
      // some platforms cannot open a directory for syncing; nothing more can be done there
    }
  }

  /** Flushes every regular file and directory below {@code root} (inclusive) to disk. */
  public static void syncTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()) {
              try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            syncDirectory(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Copies the stream into a new 0600 file; fails when the file exists. */
  public static long copyNew(InputStream in, Path file) throws IOException {
    createFile(file);
    // write into the file just created: Files.copy(REPLACE_EXISTING) would recreate it with the
    // default mode
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      return in.transferTo(out);
    }
  }

  /** Makes every directory below {@code root} (inclusive) 0700 and every regular file 0600. */
  public static void restrictTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            setMode(dir, DIR_MODE);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()) {
              setMode(file, FILE_MODE);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes a file, symlink (not its target) or directory tree; a missing path is fine. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Like {@link #deleteRecursively} but never throws; for cleanup after another failure. */
  public static void deleteQuietly(Path path) {
    try {
      deleteRecursively(path);
    } catch (IOException | RuntimeException e) {
      // best effort: the caller is already reporting the failure that matters
    }
  }

  /** Creates an empty 0600 file unless the path exists; never follows a symbolic link. */
  public static void createFileIfMissing(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        createFile(file);
      } catch (FileAlreadyExistsException e) {
        // another process made it first: fine
      }
    }
  }

  private static void createFile(Path file) throws IOException {
    if (POSIX) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
    } else {
      Files.createFile(file);
    }
    setMode(file, FILE_MODE);
  }

  private static FileAttribute<Set<PosixFilePermission>> dirAttribute() {
    return PosixFilePermissions.asFileAttribute(DIR_MODE);
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(path, mode);
    }
  }
}
