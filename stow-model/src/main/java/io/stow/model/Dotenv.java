package io.stow.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads dotenv text with Compose semantics: {@code NAME=VALUE} lines, blank lines and {@code #}
 * comments ignored, an optional {@code export } prefix, single-quoted values taken literally,
 * double-quoted values with {@code \n \t \r \" \\} escapes, and unquoted values trimmed with a
 * trailing {@code #comment} removed. Used for a container's env files and for a Compose project's
 * {@code .env}. Errors name the file and line, never the line's content (a decrypted file may hold
 * secrets).
 */
public final class Dotenv {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Dotenv() {}

  /**
   * The variables in file order (a later line wins).
   *
   * @param where names the file in errors, e.g. {@code container web envFiles[0] 'app.env'}
   * @throws IllegalArgumentException naming {@code where} and the line
   */
  public static Map<String, String> parse(String content, String where) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      String at = where + " line " + (i + 1);
      if (eq <= 0) {
        throw new IllegalArgumentException(at + ": expected NAME=VALUE; fix the env file");
      }
      String name = line.substring(0, eq).strip();
      if (!NAME.matcher(name).matches()) {
        // the name is not quoted: in a decrypted file, a malformed line may be a secret
        throw new IllegalArgumentException(
            at
                + ": the text before '=' is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*);"
                + " fix the env file");
      }
      values.put(name, value(line.substring(eq + 1).strip(), at));
    }
    return values;
  }

  private static String value(String raw, String at) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw new IllegalArgumentException(at + ": unterminated single-quoted value");
      }
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(++i);
          out.append(
              switch (next) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> next;
              });
        } else {
          out.append(c);
        }
      }
      throw new IllegalArgumentException(at + ": unterminated double-quoted value");
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }
}
