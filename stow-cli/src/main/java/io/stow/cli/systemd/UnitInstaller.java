package io.stow.cli.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Installs the daemon's unit: writes {@code stow.service} into the unit directory (mode 0644
 * whatever the umask, replaced atomically), then {@code systemctl daemon-reload}, {@code enable},
 * {@code restart}, stopping at the first call that fails.
 */
public final class UnitInstaller {

  private static final List<List<String>> CALLS =
      List.of(
          List.of("daemon-reload"),
          List.of("enable", DaemonUnit.NAME),
          List.of("restart", DaemonUnit.NAME));

  private final Systemctl systemctl;
  private final Consumer<String> progress;

  /**
   * @param progress hears one line per step
   */
  public UnitInstaller(Systemctl systemctl, Consumer<String> progress) {
    this.systemctl = Objects.requireNonNull(systemctl, "systemctl");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Writes the unit and activates it.
   *
   * @return the unit file written
   * @throws SystemdException naming the step that failed, with systemctl's output
   */
  public Path install(DaemonUnit unit, Path unitDirectory) {
    Path file = write(unit, unitDirectory);
    progress.accept("wrote " + file);
    for (List<String> call : CALLS) {
      String display = "systemctl " + String.join(" ", call);
      Systemctl.Result result = systemctl.run(call);
      if (result.exitCode() != 0) {
        String output = result.output().strip();
        throw new SystemdException(
            display
                + " failed (exit "
                + result.exitCode()
                + ")"
                + (output.isEmpty() ? "" : ":\n" + output)
                + "\nfix that and run stow install-systemd again; the unit is in "
                + file);
      }
      progress.accept(display);
    }
    return file;
  }

  private static Path write(DaemonUnit unit, Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new SystemdException(
          "the unit directory " + directory + " does not exist; is this a systemd host?");
    }
    Path file = directory.resolve(DaemonUnit.NAME);
    Path temp = null;
    try {
      temp = Files.createTempFile(directory, "." + DaemonUnit.NAME + ".", ".tmp");
      Files.writeString(temp, unit.render(), StandardCharsets.UTF_8);
      // set explicitly: the launcher's umask 077 would leave systemd's files unreadable to users
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (AccessDeniedException e) {
      throw new SystemdException(
          "cannot write "
              + file
              + ": permission denied; run it as root (sudo stow install-systemd ...)",
          e);
    } catch (IOException e) {
      throw new SystemdException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // only a leftover temporary file; the error that matters is already on its way
        }
      }
    }
  }
}
