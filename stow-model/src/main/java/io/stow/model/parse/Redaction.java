package io.stow.model.parse;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps values that came from a Compose project's variables (which may be decrypted secrets) out of
 * problem messages.
 */
final class Redaction {

  /** Values this short are not worth hiding, and hiding them would garble every message. */
  static final int SHORTEST_HIDDEN = 3;

  static final String MASK = "***";

  private static final Pattern QUOTED = Pattern.compile("'[^']*'");

  private Redaction() {}

  /** The message with every occurrence of each value replaced by {@value #MASK}. */
  static String mask(String message, Collection<String> values) {
    List<String> longestFirst =
        values.stream()
            .filter(v -> v.length() >= SHORTEST_HIDDEN)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    String out = message;
    for (String value : longestFirst) {
      out = out.replace(value, MASK);
    }
    return out;
  }

  /** The message with every single-quoted part (where rules quote the value) masked. */
  static String withoutQuotes(String message) {
    return QUOTED.matcher(message).replaceAll("'" + MASK + "'");
  }

  /** The problem with every value masked. */
  static Problem mask(Problem problem, Collection<String> values) {
    return new Problem(
        problem.file(),
        problem.yamlPath(),
        problem.line(),
        problem.column(),
        mask(problem.message(), values));
  }
}
