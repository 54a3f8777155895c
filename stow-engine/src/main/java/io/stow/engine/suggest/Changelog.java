package io.stow.engine.suggest;

import java.nio.file.Path;
import java.util.Optional;

/** The lines added to a changelog file between two tags of the application's repository. */
@FunctionalInterface
public interface Changelog {

  /**
   * The added lines, joined by newlines and trimmed; empty when none were added.
   *
   * @throws ChangelogUnavailable when a tag or the file is missing or Git fails; the merge request
   *     then goes out without a changelog
   */
  Optional<String> addedLines(Path file, String fromTag, String toTag) throws ChangelogUnavailable;

  /** The changelog cannot be read; the message says why. */
  final class ChangelogUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public ChangelogUnavailable(String message) {
      super(message);
    }
  }
}
