package io.stow.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop signals as Docker reads them ({@code signal.ParseSignal}): a Linux signal name with or
 * without {@code SIG} (any case), {@code RTMIN+n}/{@code RTMAX-n}, or a number from 1 to 64.
 */
public final class Signals {

  /** The Linux signal names Docker maps (without SIG). */
  public static final List<String> NAMES =
      List.of(
          "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT",
          "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
          "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
          "RTMIN", "RTMAX");

  private static final Pattern REALTIME = Pattern.compile("RT(MIN\\+|MAX-)([0-9]{1,2})");

  private Signals() {}

  /**
   * The signal as Docker should get it: {@code SIGTERM}, {@code SIGRTMIN+3} or a number.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static String check(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    if (value.matches("[0-9]{1,2}")) {
      int number = Integer.parseInt(value);
      if (number >= 1 && number <= 64) {
        return Integer.toString(number);
      }
    }
    String upper = value.toUpperCase(Locale.ROOT);
    String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
    Matcher realtime = REALTIME.matcher(bare);
    if (NAMES.contains(bare) || realtime.matches() && Integer.parseInt(realtime.group(2)) <= 30) {
      return "SIG" + bare;
    }
    throw new IllegalArgumentException(
        "'"
            + value
            + "' is not a signal; write a name such as SIGTERM, SIGQUIT or SIGUSR1, or a number"
            + " from 1 to 64");
  }
}
