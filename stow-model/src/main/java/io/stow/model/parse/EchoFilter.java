package io.stow.model.parse;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps a file's text out of the messages about it: any run of at least {@value #RUN} characters
 * that also occurs in the file becomes {@code …}, unless it lies within one of the allowed words
 * (the file's own key names). Used for files that hold secrets, so a token written anywhere in them
 * (a value, a misplaced key, an alias) cannot come back in a problem, whatever part of the reader
 * produced the message.
 */
final class EchoFilter {

  /** Runs shorter than this are too short to carry a secret and common in plain wording. */
  static final int RUN = 6;

  private final Set<String> fileRuns = new HashSet<>();
  private final Set<String> allowedRuns = new HashSet<>();

  EchoFilter(String fileText, Set<String> allowedWords) {
    addRuns(fileText, fileRuns);
    allowedWords.forEach(word -> addRuns(word, allowedRuns));
  }

  private static void addRuns(String text, Set<String> runs) {
    for (int i = 0; i + RUN <= text.length(); i++) {
      runs.add(text.substring(i, i + RUN));
    }
  }

  /** {@code text} with every stretch that echoes the file replaced by {@code …}. */
  String filter(String text) {
    boolean[] echoed = new boolean[text.length()];
    for (int i = 0; i + RUN <= text.length(); i++) {
      String run = text.substring(i, i + RUN);
      if (fileRuns.contains(run) && !allowedRuns.contains(run)) {
        for (int j = i; j < i + RUN; j++) {
          echoed[j] = true;
        }
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!echoed[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !echoed[i - 1]) {
        out.append('…');
      }
    }
    return out.toString();
  }

  /** The problem without echoes; a YAML path that echoes the file is left out (line:col stay). */
  Problem filter(Problem problem) {
    String path = filter(problem.yamlPath());
    return new Problem(
        problem.file(),
        path.equals(problem.yamlPath()) ? path : "",
        problem.line(),
        problem.column(),
        filter(problem.message()));
  }
}
