package io.stow.gitlab;

import java.io.IOException;
import java.io.InputStream;

/**
 * Consumes a repository archive as it streams in. The stream is closed by the client once the
 * reader returns or throws.
 */
@FunctionalInterface
public interface ArchiveReader<T> {

  T read(InputStream tarGz) throws IOException;
}
