package io.stow.engine.suggest;

/** The branch that carries a suggestion: {@code suggest/<subfolder>-<container>}. */
final class SuggestBranch {

  private SuggestBranch() {}

  /** Characters outside {@code [A-Za-z0-9._-]} become {@code -}, as the original tool does. */
  static String name(String subfolder, String container) {
    return "suggest/" + (subfolder + "-" + container).replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
