package io.stow.sops;

import java.util.regex.Pattern;

/** Tells age X25519 recipients, which native decryption handles, from other age recipient kinds. */
final class AgeRecipients {

  private static final Pattern X25519 = Pattern.compile("age1[02-9ac-hj-np-z]{58}");

  private AgeRecipients() {}

  /** Null for an X25519 recipient, else what kind of recipient it is. */
  static String unsupportedKind(String recipient) {
    if (X25519.matcher(recipient).matches()) {
      return null;
    }
    if (recipient.startsWith("age1pq1")) {
      return "post-quantum";
    }
    if (recipient.startsWith("ssh-")) {
      return "SSH key";
    }
    if (recipient.startsWith("age1")) {
      return "age plugin";
    }
    return "unknown recipient type";
  }
}
