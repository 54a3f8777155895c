package io.stow.sops;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Combines Shamir shares over GF(2^8) with the AES polynomial, in the share layout of the Vault
 * library sops uses: the share's bytes are the polynomial values for each secret byte, followed by
 * one byte holding the x coordinate.
 */
final class Shamir {

  private Shamir() {}

  /**
   * The secret the shares were split from.
   *
   * @throws StoreException when the shares are inconsistent
   */
  static byte[] combine(List<byte[]> shares) {
    if (shares.size() < 2) {
      throw new StoreException("Shamir combination needs at least 2 shares");
    }
    int length = shares.get(0).length;
    if (length < 2) {
      throw new StoreException("a Shamir share is too short");
    }
    Set<Integer> xs = new HashSet<>();
    for (byte[] share : shares) {
      if (share.length != length) {
        throw new StoreException("the Shamir shares differ in length");
      }
      if (!xs.add(share[length - 1] & 0xff)) {
        throw new StoreException("two Shamir shares have the same x coordinate");
      }
    }
    byte[] secret = new byte[length - 1];
    int[] x = new int[shares.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = shares.get(i)[length - 1] & 0xff;
    }
    for (int b = 0; b < secret.length; b++) {
      int value = 0;
      for (int i = 0; i < x.length; i++) {
        // Lagrange basis polynomial i evaluated at 0
        int basis = 1;
        for (int j = 0; j < x.length; j++) {
          if (i != j) {
            basis = mul(basis, div(x[j], x[i] ^ x[j]));
          }
        }
        value ^= mul(shares.get(i)[b] & 0xff, basis);
      }
      secret[b] = (byte) value;
    }
    return secret;
  }

  /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
  static int mul(int a, int b) {
    int result = 0;
    for (int i = 0; i < 8; i++) {
      if ((b & 1) != 0) {
        result ^= a;
      }
      boolean carry = (a & 0x80) != 0;
      a = (a << 1) & 0xff;
      if (carry) {
        a ^= 0x1b;
      }
      b >>= 1;
    }
    return result;
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new StoreException("Shamir division by zero");
    }
    return mul(a, inverse(b));
  }

  /** b^254, the multiplicative inverse in GF(2^8). */
  private static int inverse(int b) {
    int result = 1;
    int base = b;
    int exp = 254;
    while (exp > 0) {
      if ((exp & 1) != 0) {
        result = mul(result, base);
      }
      base = mul(base, base);
      exp >>= 1;
    }
    return result;
  }
}
