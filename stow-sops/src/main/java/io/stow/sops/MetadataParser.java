package io.stow.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a sops metadata block (already unflattened for dotenv and INI) into {@link Metadata}. */
final class MetadataParser {

  private MetadataParser() {}

  /** Whether the mapping is a sops metadata block rather than a user key named "sops". */
  static boolean isMetadata(Node node) {
    return node instanceof Node.MapNode map
        && (map.get("mac") != null
            || map.get("lastmodified") != null
            || map.get("version") != null);
  }

  /**
   * Parses the block.
   *
   * @throws StoreException naming the missing or malformed field
   */
  static Metadata parse(Node.MapNode sops) {
    String lastModified = string(sops, "lastmodified");
    if (lastModified == null || lastModified.isEmpty()) {
      throw new StoreException("the sops metadata has no 'lastmodified' field");
    }
    String version = string(sops, "version");
    List<Metadata.KeyGroup> groups = keyGroups(sops);
    if (groups.stream().allMatch(g -> g.keys().isEmpty())) {
      throw new StoreException("the sops metadata lists no master keys (age, pgp, kms, ...)");
    }
    String threshold = string(sops, "shamir_threshold");
    int shamirThreshold = groups.size();
    if (threshold != null && !threshold.isEmpty() && !threshold.equals("0")) {
      try {
        shamirThreshold = Integer.parseInt(threshold);
      } catch (NumberFormatException e) {
        throw new StoreException("the sops metadata field 'shamir_threshold' is not a number");
      }
      if (shamirThreshold < 1 || shamirThreshold > groups.size()) {
        throw new StoreException(
            "shamir_threshold "
                + shamirThreshold
                + " does not fit the "
                + groups.size()
                + " key groups");
      }
    }
    String mac = string(sops, "mac");
    return new Metadata(
        lastModified,
        mac == null || mac.isEmpty() ? null : mac,
        version == null ? "unknown" : version,
        groups,
        shamirThreshold,
        rules(sops));
  }

  private static EncryptionRules rules(Node.MapNode sops) {
    String unencryptedSuffix = orEmpty(string(sops, "unencrypted_suffix"));
    String encryptedSuffix = orEmpty(string(sops, "encrypted_suffix"));
    Pattern unencryptedRegex = regex(sops, "unencrypted_regex");
    Pattern encryptedRegex = regex(sops, "encrypted_regex");
    Pattern unencryptedCommentRegex = regex(sops, "unencrypted_comment_regex");
    Pattern encryptedCommentRegex = regex(sops, "encrypted_comment_regex");
    if (unencryptedSuffix.isEmpty()
        && encryptedSuffix.isEmpty()
        && unencryptedRegex == null
        && encryptedRegex == null
        && unencryptedCommentRegex == null
        && encryptedCommentRegex == null) {
      unencryptedSuffix = EncryptionRules.DEFAULT_UNENCRYPTED_SUFFIX;
    }
    String macOnly = string(sops, "mac_only_encrypted");
    return new EncryptionRules(
        unencryptedSuffix,
        encryptedSuffix,
        unencryptedRegex,
        encryptedRegex,
        unencryptedCommentRegex,
        encryptedCommentRegex,
        "true".equalsIgnoreCase(macOnly));
  }

  private static List<Metadata.KeyGroup> keyGroups(Node.MapNode sops) {
    List<Node.MapNode> groupNodes = maps(sops, "key_groups");
    if (groupNodes.isEmpty()) {
      return List.of(keyGroup(sops));
    }
    return groupNodes.stream().map(MetadataParser::keyGroup).toList();
  }

  private static Metadata.KeyGroup keyGroup(Node.MapNode group) {
    List<Metadata.MasterKey> keys = new ArrayList<>();
    for (Node.MapNode age : maps(group, "age")) {
      keys.add(new Metadata.AgeKey(required(age, "recipient", "age"), required(age, "enc", "age")));
    }
    for (Node.MapNode pgp : maps(group, "pgp")) {
      keys.add(new Metadata.PgpKey(orEmpty(string(pgp, "fp")), required(pgp, "enc", "pgp")));
    }
    for (Node.MapNode kms : maps(group, "kms")) {
      keys.add(new Metadata.ServiceKey("AWS KMS", orEmpty(string(kms, "arn"))));
    }
    for (Node.MapNode gcp : maps(group, "gcp_kms")) {
      keys.add(new Metadata.ServiceKey("GCP KMS", orEmpty(string(gcp, "resource_id"))));
    }
    for (Node.MapNode azure : maps(group, "azure_kv")) {
      String id = orEmpty(string(azure, "vault_url")) + "/keys/" + orEmpty(string(azure, "name"));
      keys.add(new Metadata.ServiceKey("Azure Key Vault", id));
    }
    for (Node.MapNode vault : maps(group, "hc_vault")) {
      String id =
          orEmpty(string(vault, "vault_address"))
              + "/v1/"
              + orEmpty(string(vault, "engine_path"))
              + "/keys/"
              + orEmpty(string(vault, "key_name"));
      keys.add(new Metadata.ServiceKey("HashiCorp Vault", id));
    }
    for (Node.MapNode huawei : maps(group, "hckms")) {
      keys.add(new Metadata.ServiceKey("HuaweiCloud KMS", orEmpty(string(huawei, "key_id"))));
    }
    return new Metadata.KeyGroup(keys);
  }

  private static String required(Node.MapNode map, String key, String section) {
    String value = string(map, key);
    if (value == null || value.isEmpty()) {
      throw new StoreException(
          "a sops metadata '" + section + "' entry has no '" + key + "' field");
    }
    return value;
  }

  private static List<Node.MapNode> maps(Node.MapNode map, String key) {
    Node node = map.get(key);
    if (node == null || node instanceof Node.Scalar) {
      return List.of(); // absent, null or "" all mean "none"
    }
    if (!(node instanceof Node.ListNode list)) {
      throw new StoreException("the sops metadata field '" + key + "' is not a list");
    }
    List<Node.MapNode> maps = new ArrayList<>();
    for (Node item : list.items()) {
      if (item instanceof Node.MapNode m) {
        maps.add(m);
      } else if (!(item instanceof Node.Comment)) {
        throw new StoreException("the sops metadata field '" + key + "' holds a non-mapping item");
      }
    }
    return maps;
  }

  private static String string(Node.MapNode map, String key) {
    Node node = map.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof Node.Scalar scalar) {
      return scalar.value() == null ? null : GoFormat.text(scalar.value());
    }
    throw new StoreException("the sops metadata field '" + key + "' is not a scalar");
  }

  private static Pattern regex(Node.MapNode map, String key) {
    String text = string(map, key);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new StoreException("the sops metadata field '" + key + "' is not a valid regex");
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
