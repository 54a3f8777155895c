package io.stow.daemon.status;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The convergence badge: a flat, shields.io-style SVG reading {@code stow | <state>} in the state's
 * colour. The six images are rendered once; a request only picks one.
 */
public final class Badge {

  private static final String LABEL = "stow";
  private static final Map<BadgeState, byte[]> IMAGES = new EnumMap<>(BadgeState.class);

  static {
    for (BadgeState state : BadgeState.values()) {
      IMAGES.put(
          state, render(LABEL, state.word(), state.color()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Badge() {}

  /** The SVG of {@code state}, UTF-8 (callers must not modify the array). */
  public static byte[] svg(BadgeState state) {
    return IMAGES.get(state);
  }

  /** Renders a badge; the texts are plain words (no markup). */
  static String render(String label, String message, String color) {
    int left = textWidth(label) + 12;
    int right = textWidth(message) + 12;
    int width = left + right;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\"20\" role=\"img\" aria-label=\""
        + label
        + ": "
        + message
        + "\"><title>"
        + label
        + ": "
        + message
        + "</title><linearGradient id=\"g\" x2=\"0\" y2=\"100%\"><stop offset=\"0\""
        + " stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/>"
        + "</linearGradient><clipPath id=\"c\"><rect width=\""
        + width
        + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath><g clip-path=\"url(#c)\">"
        + "<rect width=\""
        + left
        + "\" height=\"20\" fill=\"#555\"/><rect x=\""
        + left
        + "\" width=\""
        + right
        + "\" height=\"20\" fill=\""
        + color
        + "\"/><rect width=\""
        + width
        + "\" height=\"20\" fill=\"url(#g)\"/></g><g fill=\"#fff\" text-anchor=\"middle\""
        + " font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + text(left / 2.0, label)
        + text(left + right / 2.0, message)
        + "</g></svg>";
  }

  private static String text(double x, String value) {
    String at = x == Math.rint(x) ? Integer.toString((int) x) : Double.toString(x);
    return "<text x=\""
        + at
        + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">"
        + value
        + "</text><text x=\""
        + at
        + "\" y=\"14\">"
        + value
        + "</text>";
  }

  /** Verdana 11px is about 7 px per lower-case letter; good enough for a badge. */
  private static int textWidth(String text) {
    return 7 * text.length();
  }
}
