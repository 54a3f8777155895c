package io.stow.sops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns snakeyaml's problem descriptions into text safe for messages. snakeyaml quotes the
 * offending input: the character that cannot start a token, the digits of a bad escape sequence, an
 * undefined tag handle, a bad URI. In a SOPS file that input may be a secret, so only the words
 * snakeyaml wrote itself are kept; the position already says where to look.
 */
final class YamlProblem {

  /** Parser tokens such as {@code '<block end>'}: snakeyaml's words, not the file's. */
  private static final Pattern TOKEN = Pattern.compile("'(<[a-z ]+>)'");

  /** A parser problem that names only token kinds. */
  private static final Pattern PARSER_TOKENS =
      Pattern.compile("[a-z ,]*<[a-z ]+>[a-z ,]*but found <[a-z ]+>");

  /** Where the quoted input starts in each kind of problem. */
  private static final Pattern INPUT =
      Pattern.compile(
          "'|\"|`|, but found|but found:|found unknown escape character"
              + "|found undefined tag handle|expected URI|unacceptable code point");

  private YamlProblem() {}

  static String describe(String problem) {
    if (problem == null || problem.isBlank()) {
      return "invalid YAML";
    }
    if (problem.startsWith("found character") && problem.contains("cannot start any token")) {
      return "found a character that cannot start any token (a tab used for indentation?)";
    }
    String words = TOKEN.matcher(problem).replaceAll("$1");
    if (PARSER_TOKENS.matcher(words).matches()) {
      return words; // "expected <block end>, but found <scalar>": token kinds, not text
    }
    Matcher input = INPUT.matcher(words);
    if (input.find()) {
      String kept = words.substring(0, input.start()).strip();
      String withheld = "(the offending text is not shown)";
      if (input.group().equals("found unknown escape character")) {
        return "found an unknown escape character " + withheld;
      }
      if (input.group().equals("found undefined tag handle")) {
        return "found an undefined tag handle " + withheld;
      }
      if (input.group().equals("expected URI") || input.group().equals("unacceptable code point")) {
        return input.group() + " " + withheld;
      }
      return kept.isEmpty() ? "invalid YAML " + withheld : kept + " " + withheld;
    }
    return words;
  }
}
