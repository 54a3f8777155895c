package io.stow.engine.source;

import io.stow.engine.fs.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts one folder of a GitLab repository archive ({@code .tar.gz}) safely.
 *
 * <p>Only regular files and directories are accepted. Symbolic and hard links, devices, FIFOs,
 * sparse files, absolute paths, {@code ..} components and names with control characters are
 * refused; PAX and GNU metadata headers are ignored once read, and read only within bounds (name
 * length, PAX header size, headers per entry). Every entry is checked before it is written, and
 * everything is written into a temporary sibling of the target that is deleted on any failure
 * (errors included), so a refused archive leaves nothing behind. The uncompressed size, entry count
 * and compression ratio are bounded by {@link ArchiveLimits}, counted below the tar reader.
 *
 * <p>GitLab puts every file below one top directory, {@code <project>-<sha>-<sha>[-<path>]/}, and
 * keeps the full repository path below it; that top directory is stripped and {@code subfolder}
 * selected.
 */
public final class SafeTarGzExtractor {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final ArchiveLimits limits;

  public SafeTarGzExtractor() {
    this(ArchiveLimits.DEFAULT);
  }

  public SafeTarGzExtractor(ArchiveLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** What was extracted. */
  public record Extraction(String topDirectory, int files, long bytes) {}

  /**
   * Extracts {@code subfolder} ({@code ""} for everything below the top directory) into {@code
   * target}, which must not exist yet; its parent must.
   *
   * @throws UnsafeArchiveException when an entry or a bound is refused
   * @throws SourceException when the archive has no such folder
   */
  public Extraction extract(InputStream tarGz, String subfolder, Path target) throws IOException {
    Objects.requireNonNull(tarGz, "tarGz");
    List<String> wanted = components(Objects.requireNonNull(subfolder, "subfolder"), subfolder);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("extraction target already exists: " + target);
    }
    Path temp = target.resolveSibling("." + target.getFileName() + ".extract-" + UUID.randomUUID());
    PrivateFiles.createDirectory(temp);
    boolean moved = false;
    try {
      Extraction extraction = new Run(temp, wanted).extract(tarGz, subfolder);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      return extraction;
    } finally {
      if (!moved) {
        // also on an Error: a half-written tree must not stay behind
        PrivateFiles.deleteQuietly(temp);
      }
    }
  }

  /** The state of one extraction. */
  private final class Run {
    private final Path temp;
    private final List<String> wanted;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private ExpansionGuard expansion;
    private String top;
    private boolean sawWanted;
    private int entries;
    private int files;
    private long totalBytes;

    Run(Path temp, List<String> wanted) {
      this.temp = temp;
      this.wanted = wanted;
    }

    Extraction extract(InputStream tarGz, String subfolder) throws IOException {
      expansion = ExpansionGuard.over(tarGz, GzipCompressorInputStream::new, limits);
      try (TarArchiveInputStream tar = new BoundedTarInputStream(expansion)) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          expansion.at(printable(entry.getName()));
          accept(tar, entry);
          expansion.at("");
        }
      }
      if (top == null) {
        throw new SourceException("the archive is empty; check the project and the commit");
      }
      if (!sawWanted) {
        throw new SourceException(
            "the archive has no folder '"
                + subfolder
                + "' below "
                + top
                + "/; check the subfolder setting (it defaults to the host name)");
      }
      return new Extraction(top, files, totalBytes);
    }

    private void accept(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
      if (isMetadata(entry)) {
        drain(tar);
        return;
      }
      String name = entry.getName();
      if (name.length() > BoundedTarInputStream.MAX_NAME_LENGTH) {
        throw new UnsafeArchiveException(
            printable(name.substring(0, 64)) + "...",
            "has a name of "
                + name.length()
                + " characters; the limit is "
                + BoundedTarInputStream.MAX_NAME_LENGTH);
      }
      List<String> parts = components(name, name);
      checkType(entry);
      if (parts.isEmpty()) {
        throw new UnsafeArchiveException(name, "has an empty path");
      }
      if (++entries > limits.maxEntries()) {
        throw new UnsafeArchiveException(
            "", "the archive has more than " + limits.maxEntries() + " entries");
      }
      if (top == null) {
        top = parts.get(0);
      } else if (!top.equals(parts.get(0))) {
        throw new UnsafeArchiveException(name, "lies outside the archive's top directory " + top);
      }
      if (parts.size() == 1 && !entry.isDirectory()) {
        throw new UnsafeArchiveException(name, "is a file next to the top directory");
      }
      List<String> rest = parts.subList(1, parts.size());
      long size = entry.isDirectory() ? 0 : entry.getSize();
      if (size < 0 || size > limits.maxTotalBytes() - expansion.expanded()) {
        throw new UnsafeArchiveException(
            "", "the archive expands to more than " + limits.maxTotalBytes() + " bytes");
      }
      if (!startsWith(rest, wanted)) {
        drain(tar);
        return;
      }
      sawWanted = true;
      List<String> relative = rest.subList(wanted.size(), rest.size());
      Path path = resolve(name, relative);
      if (entry.isDirectory()) {
        writeDirectory(name, path);
      } else {
        writeFile(tar, name, path);
      }
    }

    private void writeDirectory(String name, Path path) throws IOException {
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          throw new UnsafeArchiveException(name, "is a directory and a file at the same time");
        }
        return;
      }
      createParents(path);
      PrivateFiles.createDirectory(path);
    }

    private void writeFile(TarArchiveInputStream tar, String name, Path path) throws IOException {
      if (path.equals(temp)) {
        throw new UnsafeArchiveException(name, "is a file where the selected folder should be");
      }
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeArchiveException(name, "appears twice in the archive");
      }
      createParents(path);
      PrivateFiles.copyNew(InputStream.nullInputStream(), path);
      try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
        copy(tar, out);
      }
      files++;
    }

    private void createParents(Path path) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path dir = path.getParent();
          !dir.equals(temp) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
          dir = dir.getParent()) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw new UnsafeArchiveException(
              temp.relativize(path).toString(), "has a parent that is a file");
        }
        missing.add(0, dir);
      }
      for (Path dir : missing) {
        PrivateFiles.createDirectory(dir);
      }
    }

    private Path resolve(String name, List<String> relative) {
      Path path = temp;
      for (String part : relative) {
        path = path.resolve(part);
      }
      if (!path.normalize().startsWith(temp)) {
        throw new UnsafeArchiveException(name, "escapes the extraction directory");
      }
      return path;
    }

    private void drain(InputStream in) throws IOException {
      copy(in, OutputStream.nullOutputStream());
    }

    /** Copies one entry's data; {@link ExpansionGuard} below enforces the bounds. */
    private void copy(InputStream in, OutputStream out) throws IOException {
      int read;
      while ((read = in.read(buffer)) > 0) {
        totalBytes += read;
        out.write(buffer, 0, read);
      }
    }
  }

  private static boolean isMetadata(TarArchiveEntry entry) {
    return entry.isPaxHeader()
        || entry.isGlobalPaxHeader()
        || entry.isGNULongNameEntry()
        || entry.isGNULongLinkEntry();
  }

  private static void checkType(TarArchiveEntry entry) {
    String name = entry.getName();
    if (entry.isSymbolicLink()) {
      throw new UnsafeArchiveException(name, "is a symbolic link; only regular files are allowed");
    }
    if (entry.isLink()) {
      throw new UnsafeArchiveException(name, "is a hard link; only regular files are allowed");
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice()) {
      throw new UnsafeArchiveException(name, "is a device; only regular files are allowed");
    }
    if (entry.isFIFO()) {
      throw new UnsafeArchiveException(name, "is a FIFO; only regular files are allowed");
    }
    if (entry.isSparse()) {
      throw new UnsafeArchiveException(name, "is a sparse file; only regular files are allowed");
    }
    byte flag = entry.getLinkFlag();
    boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
    if (!regular && flag != TarConstants.LF_DIR) {
      throw new UnsafeArchiveException(
          name, "has entry type '" + (char) flag + "'; only regular files and directories");
    }
  }

  /** The path's components without empty and {@code .} parts; refuses absolute and {@code ..}. */
  private static List<String> components(String path, String entryName) {
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      // a name like this could rewrite a terminal or a log line; it never comes from a real repo
      throw new UnsafeArchiveException(
          printable(entryName), "has a name with a control character (shown escaped)");
    }
    if (path.startsWith("/")) {
      throw new UnsafeArchiveException(entryName, "has an absolute path");
    }
    if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.matches("^[A-Za-z]:.*")) {
      throw new UnsafeArchiveException(entryName, "has a path with a backslash, NUL or drive");
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        throw new UnsafeArchiveException(entryName, "has a '..' path component");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  /** The name with control characters escaped as {@code \\xNN}, safe to print. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.chars()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }
}
