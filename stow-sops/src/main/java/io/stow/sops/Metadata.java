package io.stow.sops;

import java.util.List;
import java.util.Objects;

/**
 * The parts of a file's sops metadata block that decryption needs.
 *
 * @param lastModified the {@code lastmodified} timestamp as written
 * @param mac the encrypted MAC, or null when the file has none
 * @param version the sops version that wrote the file, or "unknown"
 * @param keyGroups the groups of master keys; a file without {@code key_groups} has one
 * @param shamirThreshold how many groups must be decrypted (meaningful with several groups)
 * @param rules which values are encrypted
 */
record Metadata(
    String lastModified,
    String mac,
    String version,
    List<KeyGroup> keyGroups,
    int shamirThreshold,
    EncryptionRules rules) {

  Metadata {
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(version, "version");
    keyGroups = List.copyOf(keyGroups);
    Objects.requireNonNull(rules, "rules");
  }

  /** A master key that encrypted the data key (or a Shamir share of it). */
  sealed interface MasterKey permits AgeKey, PgpKey, ServiceKey {
    /** Who the key is, for messages: a recipient, fingerprint or key service id. */
    String describe();
  }

  /** An age X25519 (or other age) recipient and the armored age file holding the data key. */
  record AgeKey(String recipient, String enc) implements MasterKey {
    @Override
    public String describe() {
      return "age " + recipient;
    }
  }

  /** A PGP key fingerprint and the armored PGP message holding the data key. */
  record PgpKey(String fingerprint, String enc) implements MasterKey {
    @Override
    public String describe() {
      return "pgp " + fingerprint;
    }
  }

  /** A key held by a key service (AWS KMS, GCP KMS, Azure Key Vault, Vault, HuaweiCloud KMS). */
  record ServiceKey(String service, String id) implements MasterKey {
    @Override
    public String describe() {
      return service + " " + id;
    }
  }

  /** The master keys of one group; any one of them decrypts the group's share. */
  record KeyGroup(List<MasterKey> keys) {
    KeyGroup {
      keys = List.copyOf(keys);
    }
  }
}
