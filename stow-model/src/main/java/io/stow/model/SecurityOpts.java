package io.stow.model;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code securityOpt} entries, checked as {@code docker run --security-opt} and the daemon check
 * them: {@code no-new-privileges[=true|false]}, {@code label=user:…|role:…|type:…|level:…|
 * filetype:…|disable|nested}, {@code apparmor=<profile>}, {@code seccomp=unconfined|builtin} and
 * {@code writable-cgroups=true|false}; {@code :} may stand for {@code =} as Docker still allows.
 */
public final class SecurityOpts {

  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");
  private static final Pattern LABEL =
      Pattern.compile("(user|role|type|level|filetype):\\S+|disable|nested");

  private SecurityOpts() {}

  /**
   * Checks one entry.
   *
   * @throws IllegalArgumentException naming the entry and the accepted forms
   */
  public static String check(String entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.equals("no-new-privileges")) {
      return entry;
    }
    int eq = entry.indexOf('=');
    int at = eq >= 0 ? eq : entry.indexOf(':');
    String key = at < 0 ? entry : entry.substring(0, at);
    String value = at < 0 ? "" : entry.substring(at + 1);
    if (value.isEmpty()) {
      throw invalid(entry, "it needs a value after '='");
    }
    switch (key) {
      case "no-new-privileges", "writable-cgroups" -> {
        if (!GO_BOOLEANS.contains(value)) {
          throw invalid(entry, key + " takes true or false");
        }
      }
      case "label" -> {
        if (!LABEL.matcher(value).matches()) {
          throw invalid(
              entry,
              "label takes user:, role:, type:, level: or filetype:<value>, disable or nested");
        }
      }
      case "apparmor" -> {
        if (value.chars().anyMatch(Character::isWhitespace)) {
          throw invalid(entry, "an AppArmor profile name has no spaces");
        }
      }
      case "seccomp" -> {
        if (!value.equals("unconfined") && !value.equals("builtin")) {
          throw invalid(
              entry,
              "stow passes seccomp=unconfined or seccomp=builtin; a profile file is read by the"
                  + " docker CLI, not the daemon, and is not supported");
        }
      }
      case "systempaths" ->
          throw invalid(
              entry,
              "systempaths=unconfined is applied by the docker CLI, not the daemon; stow does not"
                  + " support it");
      default ->
          throw invalid(
              entry,
              "'"
                  + key
                  + "' is not a security option; use no-new-privileges, label=, apparmor=,"
                  + " seccomp= or writable-cgroups=");
    }
    return entry;
  }

  private static IllegalArgumentException invalid(String entry, String why) {
    return new IllegalArgumentException("securityOpt '" + entry + "' is invalid: " + why);
  }
}
