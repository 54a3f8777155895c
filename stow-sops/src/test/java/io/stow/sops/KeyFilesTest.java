package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files and SOPS files are read only when they are regular files within a bound: a device such
 * as /dev/zero never ends and a FIFO blocks, so each is refused by name before it is opened.
 */
// a separate thread: a blocked open of a FIFO cannot be interrupted
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyFilesTest {

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();

  private Path secret() throws Exception {
    Path file = dir.resolve("secret.yaml");
    Files.write(
        file,
        SopsTestEncryptor.encrypt(
            SopsFormat.YAML, "a: b\n", SopsTestEncryptor.Options.age(age.recipient())));
    return file;
  }

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    return fifo;
  }

  private void assertRefused(Function<Path, SopsKeys> keys, Path keyFile, String what)
      throws Exception {
    Path secret = secret();
    assertThatThrownBy(() -> new SopsDecryptor(keys.apply(keyFile)).decrypt(secret))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith(keyFile + ": ")
        .hasMessageContaining(what);
  }

  @Test
  void ageKeyFile_refusesACharacterDevice() throws Exception {
    assertRefused(
        f -> SopsKeys.none().withAgeKeyFile(f),
        Path.of("/dev/zero"),
        "is a character device, not a regular file; an age key file must be one");
  }

  @Test
  void ageKeyFile_refusesAFifoWithoutOpeningIt() throws Exception {
    assertRefused(f -> SopsKeys.none().withAgeKeyFile(f), fifo(), "is a FIFO (named pipe)");
  }

  @Test
  void ageKeyFile_refusesADirectory() throws Exception {
    assertRefused(f -> SopsKeys.none().withAgeKeyFile(f), dir, "is a directory");
  }

  @Test
  void ageKeyFile_refusesAFileLargerThanTheBound() throws Exception {
    Path big = dir.resolve("keys.txt");
    Files.write(big, new byte[AgeIdentities.MAX_KEY_FILE_BYTES + 1]);

    assertRefused(
        f -> SopsKeys.none().withAgeKeyFile(f),
        big,
        "is larger than 1 MiB; it cannot be an age key file");
  }

  @Test
  void pgpKeyFile_refusesACharacterDeviceAndAFifo() throws Exception {
    assertRefused(
        f -> SopsKeys.none().withPgpKeyFile(f), Path.of("/dev/zero"), "is a character device");
    assertRefused(f -> SopsKeys.none().withPgpKeyFile(f), fifo(), "is a FIFO");
  }

  @Test
  void pgpKeyFile_refusesAFileLargerThanTheBound() throws Exception {
    Path big = dir.resolve("key.asc");
    Files.write(big, new byte[4 * 1024 * 1024 + 1]);

    assertRefused(f -> SopsKeys.none().withPgpKeyFile(f), big, "is larger than 4 MiB");
  }

  @Test
  void ageKeyFile_aSymbolicLinkToARegularFileIsRead() throws Exception {
    Path keys = dir.resolve("keys.txt");
    Files.writeString(keys, age.identity() + "\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), keys);

    assertThat(new SopsDecryptor(SopsKeys.none().withAgeKeyFile(link)).decrypt(secret()))
        .asString()
        .isEqualTo("a: b\n");
  }

  @Test
  void sopsFile_refusesAFifoAndADevice() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsKeys.none().withAgeKey(age.identity()));
    Path fifo = fifo();

    assertThatThrownBy(() -> decryptor.decryptIfSops(fifo))
        .isInstanceOf(SopsException.class)
        .hasMessage(fifo + ": is a FIFO (named pipe), not a regular file; a SOPS file must be one");
    assertThatThrownBy(() -> decryptor.isSopsFile(Path.of("/dev/zero")))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("/dev/zero: is a character device");
  }

  @Test
  void external_refusesADeviceAsAgeKeyFileBeforeRunningSops() throws Exception {
    Path script = dir.resolve("sops");
    Files.writeString(script, "#!/bin/sh\ntouch '" + dir.resolve("ran") + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path secret = secret();

    for (SopsKeys keys :
        new SopsKeys[] {
          SopsKeys.none().withAgeKeyFile(Path.of("/dev/zero")),
          SopsKeys.none().withAgeKeyFile(secret).withAgeKeyFile(Path.of("/dev/zero"))
        }) {
      assertThatThrownBy(() -> new ExternalSopsDecryptor(script, keys).decrypt(secret))
          .isInstanceOf(SopsException.class)
          .hasMessageContaining("/dev/zero: is a character device");
    }
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void external_refusesPgpKeyFilesItWouldIgnore() {
    SopsKeys keys = SopsKeys.none().withPgpKeyFile(dir.resolve("key.asc"));

    assertThatThrownBy(() -> new ExternalSopsDecryptor(dir.resolve("sops"), keys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PGP key files cannot be used with an external sops binary")
        .hasMessageContaining("key.asc");
  }
}
