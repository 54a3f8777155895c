package io.stow.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTarGzExtractorTest {

  private static final String TOP = "deployments-0123abcd-0123abcd-host1";

  @TempDir Path tmp;

  /** Builds a .tar.gz in memory, entry by entry. */
  private static final class Tarball {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    Tarball() throws IOException {
      tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    Tarball dir(String name) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
      return this;
    }

    Tarball file(String name, String content) throws IOException {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Tarball file(String name, byte[] content) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    }

    Tarball special(String name, byte flag, String linkName) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
      if (linkName != null) {
        entry.setLinkName(linkName);
      }
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
      return this;
    }

    Tarball globalPaxHeader(String comment) throws IOException {
      TarArchiveEntry entry =
          new TarArchiveEntry("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER);
      entry.addPaxHeader("comment", comment);
      // commons-compress writes a global PAX header completely in putArchiveEntry
      tar.putArchiveEntry(entry);
      return this;
    }

    byte[] bytes() throws IOException {
      tar.close();
      return bytes.toByteArray();
    }

    /** The GitLab shape: top dir, the host folder with stow.yaml and a nested file. */
    static Tarball gitlab() throws IOException {
      return new Tarball()
          .dir(TOP)
          .dir(TOP + "/host1")
          .file(TOP + "/host1/stow.yaml", "deployment:\n  name: demo\n")
          .dir(TOP + "/host1/conf")
          .file(TOP + "/host1/conf/app.conf", "key=value\n")
          .file(TOP + "/README.md", "readme\n");
    }
  }

  private SafeTarGzExtractor.Extraction extract(
      byte[] archive, String subfolder, ArchiveLimits limits) throws IOException {
    return new SafeTarGzExtractor(limits)
        .extract(new ByteArrayInputStream(archive), subfolder, tmp.resolve("out"));
  }

  private SafeTarGzExtractor.Extraction extract(byte[] archive, String subfolder)
      throws IOException {
    return extract(archive, subfolder, ArchiveLimits.DEFAULT);
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> walk = Files.walk(tmp)) {
      return walk.filter(p -> !p.equals(tmp)).toList();
    }
  }

  private void assertRefusedLeavingNothing(byte[] archive, String message) {
    assertThatThrownBy(() -> extract(archive, "host1"))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining(message);
    assertThat(tmp.resolve("out")).doesNotExist();
    try {
      assertThat(leftovers()).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void extract_stripsTheTopDirectoryAndSelectsTheSubfolder() throws IOException {
    SafeTarGzExtractor.Extraction result = extract(Tarball.gitlab().bytes(), "host1");

    Path out = tmp.resolve("out");
    assertThat(result.topDirectory()).isEqualTo(TOP);
    assertThat(result.files()).isEqualTo(2);
    assertThat(out.resolve("stow.yaml")).hasContent("deployment:\n  name: demo");
    assertThat(out.resolve("conf/app.conf")).hasContent("key=value");
    assertThat(out.resolve("README.md")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(out.resolve("conf/app.conf")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(out.resolve("conf")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(leftovers()).allMatch(p -> p.startsWith(out));
  }

  @Test
  void extract_withEmptySubfolderTakesEverythingBelowTheTop() throws IOException {
    extract(Tarball.gitlab().bytes(), "");

    assertThat(tmp.resolve("out/README.md")).exists();
    assertThat(tmp.resolve("out/host1/stow.yaml")).exists();
  }

  @Test
  void extract_selectsANestedSubfolder() throws IOException {
    extract(Tarball.gitlab().bytes(), "host1/conf");

    assertThat(tmp.resolve("out/app.conf")).hasContent("key=value");
  }

  @Test
  void extract_createsMissingParentDirectories() throws IOException {
    extract(new Tarball().file(TOP + "/host1/a/b/c.txt", "c").bytes(), "host1");

    assertThat(tmp.resolve("out/a/b/c.txt")).hasContent("c");
  }

  @Test
  void extract_ignoresPaxAndGnuMetadataHeaders() throws IOException {
    String longName = TOP + "/host1/" + "d".repeat(120) + "/" + "f".repeat(120) + ".txt";
    byte[] archive =
        new Tarball()
            .globalPaxHeader("0123abcd0123abcd0123abcd0123abcd0123abcd")
            .dir(TOP)
            .file(TOP + "/host1/stow.yaml", "x")
            .file(longName, "long")
            .bytes();

    byte[] raw =
        new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(
                new ByteArrayInputStream(archive))
            .readAllBytes();
    assertThat(new String(raw, StandardCharsets.ISO_8859_1))
        .contains("comment=0123abcd")
        .contains("path=" + longName);

    SafeTarGzExtractor.Extraction result = extract(archive, "host1");

    assertThat(result.files()).isEqualTo(2);
    assertThat(tmp.resolve("out/" + "d".repeat(120) + "/" + "f".repeat(120) + ".txt"))
        .hasContent("long");
    assertThat(tmp.resolve("out/pax_global_header")).doesNotExist();
  }

  @Test
  void extract_rejectsSymbolicLinks() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab()
            .special(TOP + "/host1/evil", TarConstants.LF_SYMLINK, "/etc/shadow")
            .bytes(),
        "symbolic link");
  }

  @Test
  void extract_rejectsHardLinks() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab()
            .special(TOP + "/host1/evil", TarConstants.LF_LINK, TOP + "/host1/stow.yaml")
            .bytes(),
        "hard link");
  }

  @Test
  void extract_rejectsCharacterDevices() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().special(TOP + "/host1/null", TarConstants.LF_CHR, null).bytes(), "device");
  }

  @Test
  void extract_rejectsBlockDevices() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().special(TOP + "/host1/sda", TarConstants.LF_BLK, null).bytes(), "device");
  }

  @Test
  void extract_rejectsFifos() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().special(TOP + "/host1/pipe", TarConstants.LF_FIFO, null).bytes(), "FIFO");
  }

  @Test
  void extract_rejectsSparseFiles() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab()
            .special(TOP + "/host1/sparse", TarConstants.LF_GNUTYPE_SPARSE, null)
            .bytes(),
        "sparse");
  }

  @Test
  void extract_rejectsUnknownEntryTypes() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().special(TOP + "/host1/contig", (byte) '7', null).bytes(),
        "entry type '7'");
  }

  @Test
  void extract_rejectsAbsolutePaths() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().file("/etc/cron.d/evil", "x").bytes(), "absolute path");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        TOP + "/host1/../../escape.txt",
        TOP + "/../escape.txt",
        TOP + "/host1/conf/../../../x"
      })
  void extract_rejectsDotDotComponents(String name) throws IOException {
    assertRefusedLeavingNothing(Tarball.gitlab().file(name, "x").bytes(), "'..'");
  }

  @Test
  void extract_rejectsABadEntryAfterGoodOnesWithoutLeavingTheGoodOnes() throws IOException {
    byte[] archive =
        Tarball.gitlab()
            .file(TOP + "/host1/more.txt", "more")
            .special(TOP + "/host1/zz-link", TarConstants.LF_SYMLINK, "../../etc")
            .bytes();

    assertRefusedLeavingNothing(archive, "symbolic link");
  }

  @Test
  void extract_rejectsEntriesOutsideTheTopDirectory() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().file("other-top/host1/x", "x").bytes(),
        "outside the archive's top directory");
  }

  @Test
  void extract_rejectsDuplicateFiles() throws IOException {
    assertRefusedLeavingNothing(
        Tarball.gitlab().file(TOP + "/host1/stow.yaml", "again").bytes(), "appears twice");
  }

  @Test
  void extract_rejectsTooManyEntries() throws IOException {
    Tarball tarball = new Tarball().dir(TOP).dir(TOP + "/host1");
    for (int i = 0; i < 20; i++) {
      tarball.file(TOP + "/host1/f" + i, "x");
    }

    assertThatThrownBy(
            () -> extract(tarball.bytes(), "host1", new ArchiveLimits(1 << 20, 10, 100, 1 << 20)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("more than 10 entries");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void extract_rejectsArchivesExpandingPastTheSizeBound() throws IOException {
    byte[] random = new byte[64 * 1024];
    new java.util.Random(1).nextBytes(random);
    byte[] archive =
        new Tarball()
            .dir(TOP)
            .file(TOP + "/host1/a", random)
            .file(TOP + "/host1/b", random)
            .bytes();

    assertThatThrownBy(
            () -> extract(archive, "host1", new ArchiveLimits(100 * 1024, 100, 100, 1 << 20)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("more than 102400 bytes");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void extract_rejectsCompressionBombs() throws IOException {
    byte[] zeros = new byte[8 * 1024 * 1024];
    byte[] archive = new Tarball().dir(TOP).file(TOP + "/host1/zeros", zeros).bytes();
    assertThat(archive.length).isLessThan(zeros.length / 100);

    assertThatThrownBy(() -> extract(archive, "host1"))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("decompression bomb");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void extract_countsBytesOfUnselectedEntriesToo() throws IOException {
    byte[] random = new byte[64 * 1024];
    new java.util.Random(2).nextBytes(random);
    byte[] archive =
        new Tarball().dir(TOP).file(TOP + "/other/big", random).file(TOP + "/host1/x", "x").bytes();

    assertThatThrownBy(
            () -> extract(archive, "host1", new ArchiveLimits(32 * 1024, 100, 100, 1 << 20)))
        .isInstanceOf(UnsafeArchiveException.class);
  }

  @Test
  void extract_failsClearlyWhenTheSubfolderIsMissing() throws IOException {
    byte[] archive = Tarball.gitlab().bytes();

    assertThatThrownBy(() -> extract(archive, "host2"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no folder 'host2'")
        .hasMessageContaining("subfolder setting");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void extract_refusesAnExistingTarget() throws IOException {
    Files.createDirectories(tmp.resolve("out"));

    assertThatThrownBy(() -> extract(Tarball.gitlab().bytes(), "host1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void extract_rejectsASubfolderWithDotDot() {
    assertThatThrownBy(() -> extract(Tarball.gitlab().bytes(), "../host1"))
        .isInstanceOf(UnsafeArchiveException.class);
  }

  /** Runs the extractor over a lazily compressed archive; returns how many bytes it consumed. */
  private long assertRefusedReading(LazyTarGz archive, ArchiveLimits limits, String message) {
    long[] consumed = {0};
    InputStream in =
        new java.io.FilterInputStream(archive.open()) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            consumed[0] += Math.max(0, n);
            return n;
          }
        };
    assertThatThrownBy(
            () -> new SafeTarGzExtractor(limits).extract(in, "host1", tmp.resolve("out")))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining(message);
    try {
      assertThat(leftovers()).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return consumed[0];
  }

  @Test
  void extract_refusesAHugePaxValueBeforeReadingIt() {
    // one 600 MB path value: commons-compress would read it whole into memory
    long valueLength = 600L * 1024 * 1024;
    String path = " path=" + TOP + "/host1/";
    long recordLength = 9 + path.length() + valueLength + 1; // 9 digits of length, then "\n"
    String prefix = recordLength + path;
    assertThat(String.valueOf(recordLength)).hasSize(9);
    LazyTarGz archive =
        new LazyTarGz()
            .header("PaxHeaders/x", 'x', recordLength)
            .text(prefix)
            .repeat('a', valueLength)
            .text("\n")
            .pad()
            .file(TOP + "/host1/x", "x")
            .end();

    long consumed =
        assertRefusedReading(
            archive, ArchiveLimits.DEFAULT, "PAX extended header of " + recordLength);

    assertThat(consumed).isLessThan(256 * 1024);
  }

  @Test
  void extract_refusesAHugeGnuLongNameBeforeReadingIt() {
    LazyTarGz archive =
        new LazyTarGz()
            .header("././@LongLink", 'L', 600L * 1024 * 1024)
            .text(TOP + "/host1/")
            .repeat('n', 600L * 1024 * 1024 - TOP.length() - 7)
            .pad()
            .file(TOP + "/host1/x", "x")
            .end();

    long consumed = assertRefusedReading(archive, ArchiveLimits.DEFAULT, "GNU long name of");

    assertThat(consumed).isLessThan(256 * 1024);
  }

  @Test
  void extract_refusesANameLongerThanTheLimit() throws IOException {
    String name = TOP + "/host1/" + ("d".repeat(200) + "/").repeat(25) + "f";
    assertThat(name.length()).isGreaterThan(BoundedTarInputStream.MAX_NAME_LENGTH);

    assertRefusedLeavingNothing(
        Tarball.gitlab().file(name, "x").bytes(), "characters; the limit is 4096");
  }

  @Test
  void extract_refusesThousandsOfConsecutivePaxHeaders() {
    LazyTarGz archive = new LazyTarGz().header(TOP + "/", '5', 0);
    for (int i = 0; i < 5_000; i++) {
      archive.pax("comment", "x");
    }
    archive.file(TOP + "/host1/x", "x").end();

    assertRefusedReading(archive, ArchiveLimits.DEFAULT, "PAX or GNU metadata headers");
  }

  @Test
  void extract_countsPaxBytesAgainstTheSizeBound() {
    // 40 KiB of PAX comment, under the PAX cap, before an entry that has no data of its own
    LazyTarGz archive =
        new LazyTarGz()
            .header(TOP + "/", '5', 0)
            .pax("comment", "c".repeat(40 * 1024))
            .header(TOP + "/host1/", '5', 0)
            .end();

    assertRefusedReading(
        archive, new ArchiveLimits(16 * 1024, 100, 100, 1 << 20), "more than 16384 bytes");
  }

  @Test
  void extract_checksTheCompressionRatioWhileReadingHeaders() {
    LazyTarGz archive =
        new LazyTarGz()
            .header(TOP + "/", '5', 0)
            .pax("comment", "c".repeat(60 * 1024))
            .header(TOP + "/host1/", '5', 0)
            .end();

    assertRefusedReading(
        archive,
        new ArchiveLimits(1 << 30, 100, 10, 0),
        "while reading entry headers); it looks like a decompression bomb");
  }

  @Test
  void extract_refusesPaxSparseFilesBeforeReadingTheirMap() {
    // a PAX 1.0 sparse file keeps its map in the data, which commons-compress reads unbounded
    LazyTarGz archive =
        new LazyTarGz()
            .header(TOP + "/", '5', 0)
            .pax("GNU.sparse.major", "1")
            .header(TOP + "/host1/sparse", '0', 400L * 1024 * 1024)
            .text("99999999999\n")
            .repeat('1', 400L * 1024 * 1024 - 12)
            .end();

    long consumed = assertRefusedReading(archive, ArchiveLimits.DEFAULT, "GNU sparse file");

    assertThat(consumed).isLessThan(256 * 1024);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u001b[31mred", "two\nlines", "del\u007f", "tab\tbed", "nul\u0001"})
  void extract_refusesNamesWithControlCharacters(String evil) throws IOException {
    String name = TOP + "/host1/" + evil;

    assertThatThrownBy(() -> extract(Tarball.gitlab().file(name, "x").bytes(), "host1"))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("control character")
        .hasMessageContaining("\\x")
        .satisfies(e -> assertThat(e.getMessage().chars()).noneMatch(c -> c < 0x20 || c == 0x7f));
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void extract_removesItsTemporaryDirectoryWhenAnErrorIsThrown() throws IOException {
    byte[] random = new byte[256 * 1024];
    new java.util.Random(3).nextBytes(random);
    byte[] archive =
        new Tarball().dir(TOP).dir(TOP + "/host1").file(TOP + "/host1/big", random).bytes();
    InputStream failing =
        new java.io.FilterInputStream(new ByteArrayInputStream(archive)) {
          private long served;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (served > 64 * 1024) {
              throw new OutOfMemoryError("simulated");
            }
            int n = super.read(b, off, Math.min(len, 4096));
            served += Math.max(0, n);
            return n;
          }
        };

    assertThatThrownBy(
            () ->
                new SafeTarGzExtractor(ArchiveLimits.DEFAULT)
                    .extract(failing, "host1", tmp.resolve("out")))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("simulated");
    assertThat(leftovers()).isEmpty();
  }

  @SuppressWarnings("unused")
  private static List<String> names(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(p -> names.add(dir.relativize(p).toString()));
    }
    return names;
  }

  @Test
  void aHundredThousandFiles_areRefusedAtTheDefaultBoundLeavingNothing() throws IOException {
    LazyTarGz archive = new LazyTarGz().header(TOP + "/", '5', 0).header(TOP + "/host1/", '5', 0);
    for (int i = 0; i < 100_000; i++) {
      archive.header(TOP + "/host1/f" + i, '0', 0);
    }
    Path target = tmp.resolve("many");

    assertThatThrownBy(
            () -> new SafeTarGzExtractor().extract(archive.end().open(), "host1", target))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("more than 10000 entries");
    assertThat(target).doesNotExist();
    try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }
}
