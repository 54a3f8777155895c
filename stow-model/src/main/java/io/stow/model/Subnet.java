package io.stow.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 subnet in CIDR notation, {@code 172.28.0.0/16} or {@code fd00:1::/64}, as a
 * network's IPAM configuration takes it.
 *
 * @param address the address part as written
 * @param prefix the prefix length
 */
public record Subnet(String address, int prefix) {

  public Subnet {
    Objects.requireNonNull(address, "address");
    if (!IpAddresses.isIp(address)) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address");
    }
    int max = IpAddresses.isIpv4(address) ? 32 : 128;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("a prefix length must be between 0 and " + max);
    }
  }

  /**
   * Parses {@code address/prefix}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static Subnet parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int slash = value.indexOf('/');
    try {
      if (slash < 0 || !value.substring(slash + 1).matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException("no /prefix");
      }
      return new Subnet(value.substring(0, slash), Integer.parseInt(value.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "subnet '"
              + value
              + "' is invalid ("
              + e.getMessage()
              + "); write it in CIDR notation, e.g. 172.28.0.0/16",
          e);
    }
  }

  /** Whether this is an IPv4 subnet. */
  public boolean ipv4() {
    return IpAddresses.isIpv4(address);
  }

  /** Whether {@code ip} (an address literal) lies in this subnet. */
  public boolean contains(String ip) {
    if (!IpAddresses.isIp(ip) || IpAddresses.isIpv4(ip) != ipv4()) {
      return false;
    }
    byte[] network = bytes(address);
    byte[] candidate = bytes(ip);
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String literal) {
    try {
      // a literal checked by IpAddresses: no name lookup happens
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
    }
  }

  @Override
  public String toString() {
    return address + "/" + prefix;
  }
}
