package io.stow.model.parse;

import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compose's variable interpolation over a document's values (never its keys): {@code $VAR}, {@code
 * ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR-default}}, {@code ${VAR:?error}} and {@code
 * ${VAR?error}}, {@code ${VAR:+replacement}} and {@code ${VAR+replacement}}, defaults and
 * replacements interpolated in turn, and {@code $$} for a literal {@code $}. The variables are the
 * project's {@code .env} only: nothing comes from the environment stow runs in, so the same folder
 * always deploys the same thing.
 *
 * <p>A value that received a variable's value is re-typed by the core schema (so {@code read_only:
 * ${RO}} with {@code RO=true} is a boolean, as Compose casts it) and remembers the values put in:
 * problems about it never show them. An unset variable without a default is a warning, as Compose
 * warns; a malformed expression or a required variable without a value is an error at the value's
 * line and column.
 */
final class Interpolation {

  private final String file;
  private final Map<String, String> variables;
  private final List<Problem> errors;
  private final List<Problem> warnings;
  private final Set<String> substituted = new LinkedHashSet<>();

  private Interpolation(
      String file, Map<String, String> variables, List<Problem> errors, List<Problem> warnings) {
    this.file = file;
    this.variables = variables;
    this.errors = errors;
    this.warnings = warnings;
  }

  /** The result: the interpolated tree and every value put into it. */
  record Result(YamlNode root, Set<String> substituted) {}

  static Result apply(YamlNode root, Map<String, String> variables, Findings findings) {
    Interpolation interpolation =
        new Interpolation(findings.file, variables, findings.errors, findings.warnings);
    YamlNode out = interpolation.node(root, "");
    return new Result(out, Set.copyOf(interpolation.substituted));
  }

  private YamlNode node(YamlNode node, String path) {
    if (node instanceof MapNode map) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (Entry entry : map.entries().values()) {
        String at = path.isEmpty() ? entry.key() : path + "." + entry.key();
        entries.put(
            entry.key(),
            new Entry(entry.key(), entry.line(), entry.column(), node(entry.value(), at)));
      }
      return new MapNode(entries, map.line(), map.column(), map.weight());
    }
    if (node instanceof SeqNode seq) {
      List<YamlNode> items = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        items.add(node(seq.items().get(i), path + "[" + i + "]"));
      }
      return new SeqNode(items, seq.line(), seq.column(), seq.weight());
    }
    ScalarNode scalar = (ScalarNode) node;
    if (scalar.text().indexOf('$') < 0) {
      return scalar;
    }
    Expansion expansion = new Expansion(scalar, path);
    String text;
    try {
      text = expansion.expand(scalar.text());
    } catch (InvalidTemplate e) {
      return scalar; // recorded
    }
    if (expansion.values.isEmpty() && !expansion.variableUsed) {
      // only $$ escapes (or unset variables): plain text, nothing secret in it
      return new ScalarNode(text, scalar.type(), scalar.plain(), scalar.line(), scalar.column());
    }
    substituted.addAll(expansion.values);
    // an interpolated value is never null: ${EMPTY} is the empty string, as in Compose
    YamlNode.ScalarType type = YamlTreeReader.resolve(text);
    return new ScalarNode(
        text,
        type == YamlNode.ScalarType.NULL ? YamlNode.ScalarType.STRING : type,
        scalar.plain(),
        scalar.line(),
        scalar.column(),
        List.copyOf(expansion.values));
  }

  /** One value's expansion; knows where it is for problems. */
  private final class Expansion {
    private final ScalarNode at;
    private final String path;
    private final List<String> values = new ArrayList<>();
    private boolean variableUsed;

    Expansion(ScalarNode at, String path) {
      this.at = at;
      this.path = path;
    }

    String expand(String text) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c != '$') {
          out.append(c);
          i++;
          continue;
        }
        if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
          out.append('$');
          i += 2;
        } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
          int end = closing(text, i + 2);
          out.append(braced(text.substring(i + 2, end)));
          i = end + 1;
        } else {
          int end = nameEnd(text, i + 1);
          if (end == i + 1) {
            throw invalid("'$' must start a variable ($NAME or ${NAME}); write $$ for a '$'");
          }
          out.append(lookup(text.substring(i + 1, end)));
          i = end;
        }
      }
      return out.toString();
    }

    /** The index of the '}' that closes a '${' whose body starts at {@code from}. */
    private int closing(String text, int from) {
      int depth = 1;
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
          i++;
        } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
          depth++;
          i++;
        } else if (c == '}' && --depth == 0) {
          return i;
        }
      }
      throw invalid("a '${' is not closed by '}'");
    }

    private String braced(String body) {
      int end = nameEnd(body, 0);
      if (end == 0) {
        throw invalid("'${' must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)");
      }
      String name = body.substring(0, end);
      String rest = body.substring(end);
      if (rest.isEmpty()) {
        return lookup(name);
      }
      boolean colon = rest.startsWith(":");
      String operator =
          colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
      String argument = rest.substring(operator.length());
      boolean set = variables.containsKey(name);
      boolean present = set && (!colon || !variables.get(name).isEmpty());
      variableUsed = true;
      switch (operator) {
        case ":-", "-" -> {
          return present ? value(name) : expand(argument);
        }
        case ":?", "?" -> {
          if (!present) {
            errors.add(
                new Problem(
                    file,
                    path,
                    at.line(),
                    at.column(),
                    "required variable "
                        + name
                        + " is "
                        + (set ? "empty" : "not set")
                        + ": "
                        + (argument.isEmpty() ? "set it in .env" : argument)));
            throw new InvalidTemplate();
          }
          return value(name);
        }
        case ":+", "+" -> {
          return present ? expand(argument) : "";
        }
        default ->
            throw invalid(
                "'${"
                    + name
                    + "' is followed by an operator Compose does not know; use :-, -, :?, ?, :+"
                    + " or +");
      }
    }

    private String lookup(String name) {
      variableUsed = true;
      if (!variables.containsKey(name)) {
        warnings.add(
            new Problem(
                file,
                path,
                at.line(),
                at.column(),
                "variable "
                    + name
                    + " is not set in .env; it interpolates as an empty string (Compose does the"
                    + " same)"));
        return "";
      }
      return value(name);
    }

    private String value(String name) {
      String value = variables.get(name);
      if (!value.isEmpty()) {
        values.add(value);
      }
      return value;
    }

    private static int nameEnd(String text, int from) {
      int i = from;
      while (i < text.length()) {
        char c = text.charAt(i);
        boolean letter = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        if (!(letter || i > from && c >= '0' && c <= '9')) {
          break;
        }
        i++;
      }
      return i;
    }

    private InvalidTemplate invalid(String why) {
      errors.add(new Problem(file, path, at.line(), at.column(), "invalid interpolation: " + why));
      return new InvalidTemplate();
    }
  }

  /** Unwinds one value's expansion once its problem is recorded. */
  private static final class InvalidTemplate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidTemplate() {
      super(null, null, false, false);
    }
  }
}
