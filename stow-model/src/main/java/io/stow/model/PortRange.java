package io.stow.model;

/**
 * A port or an inclusive range of ports, {@code 8080} or {@code 8000-8010}.
 *
 * @param first the first port
 * @param last the last port, equal to {@code first} for a single port
 */
public record PortRange(int first, int last) {

  public PortRange {
    if (first < 0 || last > 65535 || last < first) {
      throw new IllegalArgumentException("invalid port range " + first + "-" + last);
    }
  }

  /** How many ports the range holds. */
  public int size() {
    return last - first + 1;
  }

  /**
   * Parses a port or range as Docker does: decimal numbers from 0 to 65535, an optional leading
   * {@code +}, the end not below the start.
   */
  static PortRange parse(String text) {
    int dash = text.indexOf('-');
    String start = dash < 0 ? text : text.substring(0, dash);
    String end = dash < 0 ? start : text.substring(dash + 1);
    int first = port(start);
    int last = start.equals(end) ? first : port(end);
    if (last < first) {
      throw new IllegalArgumentException("the port range " + text + " ends before it starts");
    }
    return new PortRange(first, last);
  }

  private static int port(String text) {
    String digits = text.startsWith("+") ? text.substring(1) : text;
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' is not a port number");
    }
    int port = Integer.parseInt(digits);
    if (port > 65535) {
      throw new IllegalArgumentException("port " + text + " is out of range (0-65535)");
    }
    return port;
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
