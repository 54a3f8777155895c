package io.stow.daemon.startup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that the directory holding the daemon configuration is locked down before the daemon reads
 * anything from it: it holds the GitLab token, the trigger token, the SOPS keys and the TLS key.
 * Every path in it (the directory included) must be owned by root; directories must be mode 0500
 * and files 0400; only regular files and directories may be there, no symbolic links. The check
 * reads metadata only, never content, so no secret can reach its message.
 */
public final class ConfigLockdown {

  private static final int DIRECTORY_MODE = 0500;
  private static final int FILE_MODE = 0400;

  private final int ownerUid;
  private final String ownerName;

  /**
   * @param ownerUid the uid every path must belong to (0 in production; tests pass their own)
   * @param ownerName its name, for the {@code chown} commands
   */
  public ConfigLockdown(int ownerUid, String ownerName) {
    this.ownerUid = ownerUid;
    this.ownerName = ownerName;
  }

  /** The production rule: everything owned by root. */
  public static ConfigLockdown root() {
    return new ConfigLockdown(0, "root");
  }

  /**
   * Checks the directory of {@code configFile}.
   *
   * @throws DaemonStartException listing every violation with its fix, and a command that fixes the
   *     whole directory
   */
  public void enforce(Path configFile) {
    Path dir = directoryOf(configFile);
    List<LockdownViolation> violations = check(configFile);
    if (violations.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder();
    message
        .append("refusing to start: the configuration directory ")
        .append(dir)
        .append(" holds the tokens and keys, so it must be owned by ")
        .append(ownerName)
        .append(", with directories 0500, files 0400, and nothing but regular files and")
        .append(" directories (no symbolic links); found:");
    boolean special = false;
    for (LockdownViolation v : violations) {
      message.append("\n  ").append(v.describe());
      special |= v.problems().stream().anyMatch(p -> p.startsWith("a symbolic link"));
      special |= v.problems().stream().anyMatch(p -> p.startsWith("not a regular file"));
    }
    message.append("\nto fix ownership and modes of the whole directory at once:\n  ");
    message.append(fixAll(dir));
    if (special) {
      message.append("\n(symbolic links and special files need the fix shown on their line)");
    }
    throw new DaemonStartException(message.toString());
  }

  /** Every violation in the directory of {@code configFile}, sorted by path; empty when none. */
  public List<LockdownViolation> check(Path configFile) {
    Path dir = directoryOf(configFile);
    List<LockdownViolation> violations = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs) {
              inspect(path, attrs).ifPresent(violations::add);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
              inspect(path, attrs).ifPresent(violations::add);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) {
              violations.add(unreadable(path, e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      violations.add(unreadable(dir, e));
    }
    violations.sort(Comparator.comparing(LockdownViolation::path));
    return violations;
  }

  private Optional<LockdownViolation> inspect(Path path, BasicFileAttributes attrs) {
    Map<String, Object> unix;
    try {
      unix = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Optional.of(unreadable(path, e));
    }
    int uid = (Integer) unix.get("uid");
    int mode = (Integer) unix.get("mode") & 07777;
    String owner = ownerText(path, uid);
    String modeText = octal(mode);
    List<String> problems = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (attrs.isSymbolicLink()) {
      problems.add("a symbolic link; replace it with the file it points to");
      fixes.add("cp --remove-destination \"$(readlink -f " + quote(path) + ")\" " + quote(path));
      fixes.add("chown " + ownerName + ":" + ownerName + " " + quote(path));
      fixes.add("chmod 0400 " + quote(path));
      return Optional.of(new LockdownViolation(path, owner, modeText, problems, fixes));
    }
    if (!attrs.isDirectory() && !attrs.isRegularFile()) {
      problems.add("not a regular file or directory (a socket, pipe or device); remove it");
      fixes.add("rm " + quote(path));
      return Optional.of(new LockdownViolation(path, owner, modeText, problems, fixes));
    }
    if (uid != ownerUid) {
      problems.add("owned by " + owner + ", must be owned by " + ownerName);
      fixes.add("chown " + ownerName + ":" + ownerName + " " + quote(path));
    }
    int wanted = attrs.isDirectory() ? DIRECTORY_MODE : FILE_MODE;
    if (mode != wanted) {
      problems.add(
          "mode "
              + modeText
              + ", must be "
              + octal(wanted)
              + (attrs.isDirectory() ? " for a directory" : " for a file"));
      fixes.add("chmod " + octal(wanted) + " " + quote(path));
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(new LockdownViolation(path, owner, modeText, problems, fixes));
  }

  private static LockdownViolation unreadable(Path path, IOException e) {
    String why =
        e instanceof NoSuchFileException
            ? "does not exist; create it, owned by root with mode 0500, and put the configuration"
                + " there"
            : "cannot be inspected (" + e.getClass().getSimpleName() + "); run stow as root";
    return new LockdownViolation(path, "", "", List.of(why), List.of());
  }

  private String fixAll(Path dir) {
    String d = quote(dir);
    return "chown -R "
        + ownerName
        + ":"
        + ownerName
        + " "
        + d
        + " && find "
        + d
        + " -type d -exec chmod 0500 {} + && find "
        + d
        + " -type f -exec chmod 0400 {} +";
  }

  private static Path directoryOf(Path configFile) {
    Path absolute = configFile.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    return parent == null ? absolute : parent;
  }

  private static String ownerText(Path path, int uid) {
    try {
      String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      return name.equals(Integer.toString(uid)) ? "uid " + uid : name + " (uid " + uid + ")";
    } catch (IOException e) {
      return "uid " + uid;
    }
  }

  private static String octal(int mode) {
    return String.format("%04o", mode);
  }

  /** A path in single quotes for a POSIX shell. */
  static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
