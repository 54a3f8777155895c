package io.stow.daemon.http;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The order in which the HTTPS listener prefers the TLS cipher suites it offers (a JDK server picks
 * by its own order). AES-GCM is fast only where the JVM compiles it to the processor's AES and
 * carry-less multiply instructions, which its optimising compiler (C2) does. The daemon's unit runs
 * the JVM with the first-tier compiler alone ({@code -XX:TieredStopAtLevel=1}) to stay small, and
 * there AES-GCM runs as plain Java at about a quarter of ChaCha20-Poly1305's speed (52 against 213
 * MB/s for 2 KiB records on the machine of docs/benchmarks.md); hosts without AES instructions,
 * such as a Raspberry Pi, are in the same place. There ChaCha20-Poly1305 (RFC 8439), equally
 * strong, comes first; clients that do not offer it still get AES-GCM.
 */
enum CipherOrder {
  /** The JDK's own order: AES-GCM first. */
  JDK_DEFAULT,
  /** ChaCha20-Poly1305 suites first, then the JDK's order. */
  CHACHA20_FIRST;

  /** The order for this JVM, from the options it was started with. */
  static CipherOrder forThisJvm() {
    List<String> arguments;
    try {
      arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    } catch (RuntimeException | LinkageError e) {
      return JDK_DEFAULT;
    }
    return aesGcmCompiled(arguments) ? JDK_DEFAULT : CHACHA20_FIRST;
  }

  /**
   * Whether a JVM started with {@code arguments} compiles AES-GCM to its intrinsics: not with
   * {@code -Xint}, a {@code -XX:TieredStopAtLevel} below 4 (tiered compilation on) or AES
   * intrinsics switched off. The last of repeated options wins, as in the JVM.
   */
  static boolean aesGcmCompiled(List<String> arguments) {
    boolean interpreted = false;
    boolean tiered = true;
    int stopAtLevel = 4;
    boolean aesIntrinsics = true;
    for (String argument : arguments) {
      String a = argument.strip();
      if (a.equals("-Xint")) {
        interpreted = true;
      } else if (a.equals("-Xmixed") || a.equals("-Xcomp")) {
        interpreted = false;
      } else if (a.equals("-XX:-TieredCompilation")) {
        tiered = false;
      } else if (a.equals("-XX:+TieredCompilation")) {
        tiered = true;
      } else if (a.startsWith("-XX:TieredStopAtLevel=")) {
        try {
          stopAtLevel = Integer.parseInt(a.substring("-XX:TieredStopAtLevel=".length()));
        } catch (NumberFormatException e) {
          // the JVM would not have started with it
        }
      } else if (a.equals("-XX:-UseAESIntrinsics") || a.equals("-XX:-UseAES")) {
        aesIntrinsics = false;
      } else if (a.equals("-XX:+UseAESIntrinsics") || a.equals("-XX:+UseAES")) {
        aesIntrinsics = true;
      }
    }
    return !interpreted && aesIntrinsics && (!tiered || stopAtLevel >= 4);
  }

  /** The suites {@code context} enables by default, in this order. */
  List<String> suites(SSLContext context) {
    List<String> defaults = List.of(context.getDefaultSSLParameters().getCipherSuites());
    if (this == JDK_DEFAULT) {
      return defaults;
    }
    List<String> ordered = new ArrayList<>();
    defaults.stream().filter(CipherOrder::isChaCha20).forEach(ordered::add);
    defaults.stream().filter(s -> !isChaCha20(s)).forEach(ordered::add);
    return ordered;
  }

  private static boolean isChaCha20(String suite) {
    return suite.toUpperCase(Locale.ROOT).contains("CHACHA20");
  }
}
