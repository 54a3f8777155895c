package io.stow.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovers a file's 32-byte data key from its key groups with the configured age identities and PGP
 * keys: any key of a group decrypts that group's part; with several groups, the parts are Shamir
 * shares and {@code shamir_threshold} of them are combined.
 */
final class DataKeyResolver {

  private final AgeIdentities age;
  private final PgpKeyring pgp;

  DataKeyResolver(AgeIdentities age, PgpKeyring pgp) {
    this.age = age;
    this.pgp = pgp;
  }

  /**
   * The data key.
   *
   * @throws StoreException saying which keys the file needs and what was tried
   */
  synchronized byte[] dataKey(Metadata metadata) {
    List<Metadata.KeyGroup> groups = metadata.keyGroups();
    List<byte[]> parts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < groups.size() && parts.size() < metadata.shamirThreshold(); i++) {
      GroupResult result = decryptGroup(groups.get(i));
      if (result.part != null) {
        parts.add(result.part);
      } else {
        failures.add(
            groups.size() == 1 ? result.reason : "key group " + (i + 1) + ": " + result.reason);
      }
    }
    if (groups.size() == 1) {
      if (parts.isEmpty()) {
        throw new StoreException("cannot decrypt the data key: " + failures.get(0));
      }
      return parts.get(0);
    }
    if (parts.size() < metadata.shamirThreshold()) {
      throw new StoreException(
          "cannot decrypt the data key: "
              + parts.size()
              + " of "
              + groups.size()
              + " key groups decrypted, "
              + metadata.shamirThreshold()
              + " needed; "
              + String.join("; ", failures));
    }
    return Shamir.combine(parts);
  }

  private GroupResult decryptGroup(Metadata.KeyGroup group) {
    List<String> ageRecipients = new ArrayList<>();
    List<String> unsupportedAge = new ArrayList<>();
    List<String> pgpKeys = new ArrayList<>();
    List<String> services = new ArrayList<>();
    for (Metadata.MasterKey key : group.keys()) {
      byte[] part = null;
      if (key instanceof Metadata.AgeKey ageKey) {
        String kind = AgeRecipients.unsupportedKind(ageKey.recipient());
        if (kind != null) {
          unsupportedAge.add(ageKey.recipient() + " (" + kind + ")");
          continue;
        }
        ageRecipients.add(ageKey.recipient());
        part = age.decrypt(ageKey.enc());
      } else if (key instanceof Metadata.PgpKey pgpKey) {
        List<String> ids = PgpKeyring.recipientKeyIds(pgpKey.enc());
        pgpKeys.add(
            pgpKey.fingerprint()
                + (ids.isEmpty() ? "" : " (key id " + String.join(", ", ids) + ")"));
        part = pgp.decrypt(pgpKey.enc());
      } else {
        services.add(key.describe());
      }
      if (part != null) {
        return new GroupResult(part, null);
      }
    }
    return new GroupResult(null, reason(ageRecipients, unsupportedAge, pgpKeys, services));
  }

  private String reason(
      List<String> ageRecipients,
      List<String> unsupportedAge,
      List<String> pgpKeys,
      List<String> services) {
    List<String> reasons = new ArrayList<>();
    if (!ageRecipients.isEmpty()) {
      AgeIdentities identities = age;
      String text =
          identities.size() == 0
              ? "no age identity is configured (set SOPS_AGE_KEY_FILE or --age-key-file) for"
                  + " recipients "
                  + String.join(", ", ageRecipients)
              : "none of the "
                  + identities.size()
                  + " age identities in "
                  + String.join(", ", identities.sources())
                  + " matches recipients "
                  + String.join(", ", ageRecipients);
      reasons.add(withProblems(text, identities.problems()));
    }
    if (!unsupportedAge.isEmpty()) {
      reasons.add(
          "age recipients "
              + String.join(", ", unsupportedAge)
              + " are not supported natively: configure sopsBinary");
    }
    if (!pgpKeys.isEmpty()) {
      PgpKeyring keyring = pgp;
      String text =
          keyring.size() == 0 && keyring.sources().isEmpty()
              ? "no PGP key file is configured (--pgp-key-file) for PGP keys "
                  + String.join(", ", pgpKeys)
              : "no PGP secret key in "
                  + String.join(", ", keyring.sources())
                  + " matches PGP keys "
                  + String.join(", ", pgpKeys);
      reasons.add(withProblems(text, keyring.problems()));
    }
    if (!services.isEmpty()) {
      reasons.add(
          "the file is also encrypted for "
              + String.join(", ", services)
              + ", which native decryption does not support: configure sopsBinary");
    }
    return String.join("; ", reasons);
  }

  private static String withProblems(String text, List<String> problems) {
    return problems.isEmpty() ? text : text + " (" + String.join("; ", problems) + ")";
  }

  private record GroupResult(byte[] part, String reason) {}
}
