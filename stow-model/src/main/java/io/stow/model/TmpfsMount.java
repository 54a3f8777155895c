package io.stow.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code tmpfs} entry as {@code docker run --tmpfs} reads it: an absolute mount point other than
 * {@code /}, optionally followed by {@code :} and comma-separated mount options that Docker passes
 * to the kernel (flags such as {@code noexec}, {@code nosuid}, {@code ro}, and {@code size}, {@code
 * mode}, {@code uid}, {@code gid}, {@code nr_inodes}, {@code nr_blocks}, {@code mpol}).
 *
 * @param target the mount point inside the container
 * @param options the options as written, {@code ""} for none
 */
public record TmpfsMount(String target, String options) {

  private static final Set<String> FLAGS =
      Set.of(
          "defaults",
          "ro",
          "rw",
          "suid",
          "nosuid",
          "dev",
          "nodev",
          "exec",
          "noexec",
          "sync",
          "async",
          "dirsync",
          "remount",
          "mand",
          "nomand",
          "atime",
          "noatime",
          "diratime",
          "nodiratime",
          "bind",
          "rbind",
          "unbindable",
          "runbindable",
          "private",
          "rprivate",
          "shared",
          "rshared",
          "slave",
          "rslave",
          "relatime",
          "norelatime",
          "strictatime",
          "nostrictatime");
  private static final Pattern SIZE = Pattern.compile("[0-9]+[kmgtpeKMGTPE%]?");
  private static final Pattern COUNT = Pattern.compile("[0-9]+[kmgKMG]?");
  private static final Pattern MODE = Pattern.compile("[0-7]{1,4}");
  private static final Pattern ID = Pattern.compile("[0-9]+");
  private static final Pattern MPOL =
      Pattern.compile("(default|prefer|bind|interleave|local)(=(static|relative))?(:[0-9,-]+)?");

  public TmpfsMount {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Mounts.checkTarget(target);
    if (!options.isEmpty()) {
      for (String option : List.of(options.split(",", -1))) {
        checkOption(option);
      }
    }
  }

  /**
   * Parses {@code /path} or {@code /path:options}.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong
   */
  public static TmpfsMount parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int colon = value.indexOf(':');
    try {
      return colon < 0
          ? new TmpfsMount(value, "")
          : new TmpfsMount(value.substring(0, colon), value.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tmpfs '"
              + value
              + "' is invalid: "
              + e.getMessage()
              + "; write /path or /path:size=64m,mode=1777,noexec",
          e);
    }
  }

  private static void checkOption(String option) {
    if (FLAGS.contains(option)) {
      return;
    }
    int eq = option.indexOf('=');
    String key = eq < 0 ? option : option.substring(0, eq);
    String value = eq < 0 ? null : option.substring(eq + 1);
    Pattern format =
        switch (key) {
          case "size" -> SIZE;
          case "nr_inodes", "nr_blocks" -> COUNT;
          case "mode" -> MODE;
          case "uid", "gid" -> ID;
          case "mpol" -> MPOL;
          default -> null;
        };
    if (format == null || value == null) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a tmpfs option Docker accepts (flags such as noexec, or size=,"
              + " mode=, uid=, gid=, nr_inodes=, nr_blocks=, mpol=)");
    }
    if (!format.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + value + "' is not a valid value for " + key);
    }
  }

  @Override
  public String toString() {
    return options.isEmpty() ? target : target + ":" + options;
  }
}
