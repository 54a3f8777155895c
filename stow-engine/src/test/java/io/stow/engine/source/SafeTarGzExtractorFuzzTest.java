package io.stow.engine.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the archive extractor with arbitrary {@code .tar.gz} bytes: it
 * extracts or refuses ({@link SourceException}, or an {@link IOException} for a broken stream),
 * never throws anything else, and never leaves anything behind when it refuses.
 */
class SafeTarGzExtractorFuzzTest {

  private static final ArchiveLimits LIMITS =
      new ArchiveLimits(4L * 1024 * 1024, 200, 100, 64 * 1024);

  @FuzzTest(maxDuration = "6s")
  void extract(byte[] archive) throws IOException {
    Path parent = Files.createTempDirectory("stow-fuzz-extract");
    Path target = parent.resolve("out");
    try {
      new SafeTarGzExtractor(LIMITS).extract(new ByteArrayInputStream(archive), "", target);
    } catch (SourceException | IOException refused) {
      try (Stream<Path> left = Files.list(parent)) {
        if (left.findAny().isPresent()) {
          throw new IllegalStateException("a refused archive left files behind", refused);
        }
      }
    } finally {
      io.stow.engine.fs.PrivateFiles.deleteRecursively(parent);
    }
  }
}
