package io.stow.engine.state;

import java.nio.file.Path;

/** Another stow process (or another run in this one) holds the state directory's lock. */
public class StateLockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StateLockedException(Path lockFile) {
    super(
        "another stow run holds the state lock "
            + lockFile
            + "; wait for it to finish (the lock is released automatically when that process"
            + " exits)");
  }
}
