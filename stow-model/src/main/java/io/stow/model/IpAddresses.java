package io.stow.model;

/**
 * IP address literals as Go's {@code net.ParseIP} reads them, which is what Docker checks addresses
 * with: dotted IPv4 (no leading zeros) or IPv6 (with {@code ::} and an embedded IPv4 tail), no
 * zone, no brackets.
 */
public final class IpAddresses {

  private IpAddresses() {}

  /** Whether {@code text} is an IPv4 or IPv6 address literal. */
  public static boolean isIp(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  /** Whether {@code text} is a dotted-decimal IPv4 address. */
  public static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || part.length() > 1 && part.charAt(0) == '0'
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} is an IPv6 address. */
  public static boolean isIpv6(String text) {
    if (text.isEmpty() || !text.contains(":")) {
      return false;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    if (gap < 0) {
      return groups(text, true) == 8;
    }
    String head = text.substring(0, gap);
    String tail = text.substring(gap + 2);
    int before = head.isEmpty() ? 0 : groups(head, false);
    int after = tail.isEmpty() ? 0 : groups(tail, true);
    return before >= 0 && after >= 0 && before + after <= 7;
  }

  /** Counts 16-bit groups (an IPv4 tail counts two); -1 when malformed. */
  private static int groups(String text, boolean ipv4TailAllowed) {
    String[] parts = text.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (ipv4TailAllowed && i == parts.length - 1 && part.contains(".")) {
        if (!isIpv4(part)) {
          return -1;
        }
        count += 2;
      } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddresses::hex)) {
        return -1;
      } else {
        count++;
      }
    }
    return count;
  }

  private static boolean hex(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
