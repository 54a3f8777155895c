package io.stow.model;

import java.util.Objects;

/**
 * A restart policy as {@code docker run --restart} reads it: {@code no}, {@code always}, {@code
 * unless-stopped}, {@code on-failure} or {@code on-failure:N}. As in Docker, a retry count is only
 * allowed with {@code on-failure} (a count of 0 is accepted on the others) and is never negative.
 *
 * @param mode the policy
 * @param maximumRetryCount the most restarts {@code on-failure} makes, 0 for no limit
 */
public record RestartPolicy(Mode mode, int maximumRetryCount) {

  /** Docker's restart policies. */
  public enum Mode {
    NO("no"),
    ALWAYS("always"),
    UNLESS_STOPPED("unless-stopped"),
    ON_FAILURE("on-failure");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /** The policy's name in Docker. */
    public String text() {
      return text;
    }
  }

  private static final String HINT = "use no, always, unless-stopped, on-failure or on-failure:N";

  public RestartPolicy {
    Objects.requireNonNull(mode, "mode");
    if (maximumRetryCount < 0) {
      throw new IllegalArgumentException("the maximum retry count cannot be negative");
    }
    if (maximumRetryCount != 0 && mode != Mode.ON_FAILURE) {
      throw new IllegalArgumentException(
          "a maximum retry count can only be used with on-failure, not " + mode.text());
    }
  }

  /**
   * Parses a policy.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static RestartPolicy parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    String count = colon < 0 ? "" : value.substring(colon + 1);
    Mode mode = null;
    for (Mode candidate : Mode.values()) {
      if (candidate.text.equals(name)) {
        mode = candidate;
      }
    }
    if (mode == null) {
      throw new IllegalArgumentException(
          "restartPolicy '" + text + "' is not a restart policy; " + HINT);
    }
    int retries = 0;
    if (!count.isEmpty()) {
      String digits = count.startsWith("+") || count.startsWith("-") ? count.substring(1) : count;
      if (digits.isEmpty()
          || digits.length() > 9
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException(
            "restartPolicy '" + text + "': the maximum retry count must be a whole number");
      }
      retries = Integer.parseInt(count);
    }
    try {
      return new RestartPolicy(mode, retries);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("restartPolicy '" + text + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return mode == Mode.ON_FAILURE && maximumRetryCount > 0
        ? mode.text + ":" + maximumRetryCount
        : mode.text;
  }
}
