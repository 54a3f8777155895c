package io.stow.daemon.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockdown rule, with the owner set to whoever runs the test (so it runs as any user); the real
 * check (owner root) runs in stow-it against the daemon process.
 */
class ConfigLockdownTest {

  private static final String TOKEN = "glpat-SENTINEL-lockdown";

  @TempDir Path temp;

  private int me() throws Exception {
    return (Integer) Files.getAttribute(temp, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  /** etc/ (0500) with daemon.yaml and keys/age.txt (0400), keys/ 0500. */
  private Path lockedDown() throws Exception {
    Path etc = Files.createDirectories(temp.resolve("etc"));
    Files.writeString(etc.resolve("daemon.yaml"), "gitlabToken: " + TOKEN + "\n");
    Path keys = Files.createDirectories(etc.resolve("keys"));
    Files.writeString(keys.resolve("age.txt"), "AGE-SECRET-KEY-1SENTINEL\n");
    mode(keys.resolve("age.txt"), "r--------");
    mode(etc.resolve("daemon.yaml"), "r--------");
    mode(keys, "r-x------");
    mode(etc, "r-x------");
    return etc.resolve("daemon.yaml");
  }

  private static void mode(Path path, String perms) throws Exception {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
  }

  @Test
  void aLockedDownDirectory_passes() throws Exception {
    Path config = lockedDown();

    assertThat(new ConfigLockdown(me(), "me").check(config)).isEmpty();
  }

  @Test
  void everyViolation_isListedWithItsOwnerModeAndFix_andNoContent() throws Exception {
    Path config = lockedDown();
    Path etc = config.getParent();
    mode(etc, "rwx------");
    mode(config, "rw-r--r--");
    mode(etc.resolve("keys"), "rwxr-xr-x");
    Files.createSymbolicLink(etc.resolve("link.yaml"), config);

    ConfigLockdown lockdown = new ConfigLockdown(me(), "me");
    List<LockdownViolation> violations = lockdown.check(config);

    assertThat(violations)
        .extracting(LockdownViolation::path)
        .containsExactly(etc, config, etc.resolve("keys"), etc.resolve("link.yaml"));
    assertThat(violations.get(1).mode()).isEqualTo("0644");
    assertThat(violations.get(1).fixes()).containsExactly("chmod 0400 '" + config + "'");
    assertThat(violations.get(2).fixes())
        .containsExactly("chmod 0500 '" + etc.resolve("keys") + "'");
    assertThat(violations.get(3).problems().get(0)).startsWith("a symbolic link");
    mode(etc, "rwx------");
    assertThatThrownBy(() -> lockdown.enforce(config))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("refusing to start")
        .hasMessageContaining(config + " [owner ")
        .hasMessageContaining("mode 0644, must be 0400")
        .hasMessageContaining("mode 0755, must be 0500")
        .hasMessageContaining("chown -R me:me '" + etc + "'")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining("SENTINEL");
  }

  @Test
  void theWrongOwner_isNamed_withTheChownThatFixesIt() throws Exception {
    Path config = lockedDown();
    int someoneElse = me() + 1;

    List<LockdownViolation> violations = new ConfigLockdown(someoneElse, "root").check(config);

    assertThat(violations).hasSize(4);
    assertThat(violations)
        .allSatisfy(
            v -> {
              assertThat(v.problems()).anyMatch(p -> p.contains("must be owned by root"));
              assertThat(v.fixes()).contains("chown root:root '" + v.path() + "'");
            });
  }

  @Test
  void aSymlinkedConfigDirectory_isRefused() throws Exception {
    Path config = lockedDown();
    Path link = temp.resolve("etc-link");
    Files.createSymbolicLink(link, config.getParent());

    List<LockdownViolation> violations =
        new ConfigLockdown(me(), "me").check(link.resolve("daemon.yaml"));

    assertThat(violations).extracting(LockdownViolation::path).containsExactly(link);
    assertThat(violations.get(0).problems().get(0)).startsWith("a symbolic link");
  }

  @Test
  void aMissingDirectory_saysSo() {
    List<LockdownViolation> violations =
        ConfigLockdown.root().check(temp.resolve("nowhere/daemon.yaml"));

    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).problems().get(0)).contains("does not exist");
  }
}
