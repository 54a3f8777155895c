package io.stow.engine.state;

import java.nio.file.Path;

/**
 * The state lock is held: by another run in this process, another stow process, or the original.
 */
public class StateLockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StateLockedException(Path lock, String why) {
    super("the state lock " + lock + " is taken: " + why);
  }
}
