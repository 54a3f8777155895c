package io.stow.sops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats values exactly as the Go code of sops does, because the MAC hashes those bytes and the
 * decrypted output must match {@code sops --decrypt}.
 */
final class GoFormat {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoFormat() {}

  /**
   * The bytes sops' {@code ToBytes} hashes into the MAC for a leaf value. Booleans are "True" and
   * "False", a convention sops kept from its Python original.
   */
  static byte[] macBytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof Boolean b) {
      return (b ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
    }
    return text(value).getBytes(StandardCharsets.UTF_8);
  }

  /** A leaf as Go's {@code strconv} prints it (floats as {@code 'f'}, times as RFC 3339 nano). */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return formatF(d);
    }
    if (value instanceof OffsetDateTime t) {
      return rfc3339Nano(t);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return String.valueOf(value); // Long, BigInteger, Boolean
  }

  /** {@code strconv.FormatFloat(f, 'f', -1, 64)}. */
  static String formatF(double f) {
    String special = special(f);
    if (special != null) {
      return special;
    }
    if (f == 0) {
      return zero(f);
    }
    return shortest(f).toPlainString();
  }

  /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, which YAML output uses. */
  static String formatG(double f) {
    String special = special(f);
    if (special != null) {
      return special;
    }
    if (f == 0) {
      return zero(f);
    }
    Digits digits = Digits.of(f);
    int exp = digits.pointPosition - 1;
    if (exp < -4 || exp >= 6) {
      return formatE(digits);
    }
    return shortest(f).toPlainString();
  }

  /** A float as Go's {@code encoding/json} writes it. */
  static String formatJson(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new StoreException("a float value is NaN or infinite and has no JSON form");
    }
    double abs = Math.abs(f);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String e = formatE(Digits.of(f));
      // Go trims one leading zero of a negative two-digit exponent: e-07 becomes e-7
      int n = e.length();
      if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
        e = e.substring(0, n - 2) + e.charAt(n - 1);
      }
      return e;
    }
    return formatF(f);
  }

  /** Go's {@code time.RFC3339Nano}: fractional seconds without trailing zeros. */
  static String rfc3339Nano(OffsetDateTime t) {
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append(offset(t.getOffset())).toString();
  }

  /** Go's {@code time.RFC3339}: no fractional seconds; the MAC's additional data uses it. */
  static String rfc3339(OffsetDateTime t) {
    return SECONDS.format(t) + offset(t.getOffset());
  }

  private static String offset(ZoneOffset offset) {
    return offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
  }

  private static String special(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  private static String zero(double f) {
    return 1 / f < 0 ? "-0" : "0";
  }

  private static String formatE(Digits digits) {
    StringBuilder out = new StringBuilder();
    if (digits.negative) {
      out.append('-');
    }
    out.append(digits.digits.charAt(0));
    if (digits.digits.length() > 1) {
      out.append('.').append(digits.digits, 1, digits.digits.length());
    }
    int exp = digits.pointPosition - 1;
    out.append('e').append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }

  /** The shortest decimal that reads back as {@code f}, as Go's shortest formatting finds it. */
  private static BigDecimal shortest(double f) {
    BigDecimal exact = new BigDecimal(f);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == f) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Decimal digits (no trailing zeros) and the decimal point position, as Go's decimal has. */
  private record Digits(boolean negative, String digits, int pointPosition) {
    static Digits of(double f) {
      BigDecimal d = shortest(f);
      BigInteger unscaled = d.unscaledValue();
      String digits = unscaled.abs().toString();
      return new Digits(f < 0, digits, digits.length() - d.scale());
    }
  }
}
