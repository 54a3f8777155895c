package io.stow.cli.systemd;

import java.util.regex.Pattern;

/**
 * Writes values into a unit file so that systemd reads them back unchanged: words are quoted when
 * they hold anything but plain path characters, and {@code %} (specifiers), {@code $} (variable
 * expansion in command lines), backslashes and quotes are escaped. Control characters cannot be
 * written at all.
 */
final class UnitQuoting {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._:@+,=-]+");

  private UnitQuoting() {}

  /** One word of a command line ({@code ExecStart=}). */
  static String word(String value) {
    checkPrintable(value);
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return '"' + escape(value).replace("$", "$$") + '"';
  }

  /** An {@code Environment=} assignment, always quoted. */
  static String assignment(String name, String value) {
    checkPrintable(value);
    return '"' + name + '=' + escape(value) + '"';
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
  }

  private static void checkPrintable(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new SystemdException(
            "'"
                + value.replaceAll("\\p{Cntrl}", "?")
                + "' holds a control character (newline, tab...), which a unit file cannot carry;"
                + " use a path without one");
      }
    }
  }
}
