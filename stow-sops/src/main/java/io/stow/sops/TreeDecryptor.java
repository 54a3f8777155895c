package io.stow.sops;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decrypts every encrypted value of the documents and computes the MAC over the values in document
 * order, walking the tree exactly as sops does: the additional data of a value is its mapping-key
 * path joined by ":" plus a trailing ":" (sequence items share their parent's path), comments are
 * decrypted with the path of their mapping and are not part of the MAC.
 */
final class TreeDecryptor {

  /** The decrypted documents and the MAC sops would compute for them (upper-case hex). */
  record Result(List<Node.MapNode> documents, String mac) {}

  private final EncryptionRules rules;
  private final ValueCipher cipher;
  private final MessageDigest mac;

  private TreeDecryptor(EncryptionRules rules, ValueCipher cipher) {
    this.rules = rules;
    this.cipher = cipher;
    try {
      this.mac = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is not available in this JVM", e);
    }
  }

  /**
   * Decrypts the documents (metadata already removed).
   *
   * @throws StoreException naming the key path of the value that failed, never its content
   */
  static Result decrypt(List<Node.MapNode> documents, EncryptionRules rules, ValueCipher cipher) {
    TreeDecryptor walker = new TreeDecryptor(rules, cipher);
    List<Node.MapNode> out = new ArrayList<>();
    for (Node.MapNode document : documents) {
      out.add(walker.map(document, new ArrayList<>(), new ArrayList<>()));
    }
    return new Result(out, HexFormat.of().withUpperCase().formatHex(walker.mac.digest()));
  }

  private Node.MapNode map(Node.MapNode in, List<String> path, List<List<String>> comments) {
    List<Node.Entry> out = new ArrayList<>(in.entries().size());
    List<String> pending = new ArrayList<>();
    comments.add(pending);
    for (Node.Entry entry : in.entries()) {
      if (entry instanceof Node.Comment comment) {
        Node.Comment clear = comment(comment, path, comments);
        pending.add(clear.text());
        out.add(clear);
      } else {
        Node.Field field = (Node.Field) entry;
        path.add(field.key());
        out.add(new Node.Field(field.key(), value(field.value(), path, comments)));
        path.remove(path.size() - 1);
        pending.clear();
      }
    }
    comments.remove(comments.size() - 1);
    return new Node.MapNode(out);
  }

  private Node value(Node in, List<String> path, List<List<String>> comments) {
    if (in instanceof Node.MapNode m) {
      return map(m, path, comments);
    }
    if (in instanceof Node.ListNode list) {
      List<Node> items = new ArrayList<>(list.items().size());
      for (Node item : list.items()) {
        items.add(value(item, path, comments));
      }
      return new Node.ListNode(items);
    }
    if (in instanceof Node.Comment comment) {
      return comment(comment, path, comments);
    }
    return leaf((Node.Scalar) in, path, comments);
  }

  private Node.Scalar leaf(Node.Scalar in, List<String> path, List<List<String>> comments) {
    boolean encrypted = rules.isEncrypted(path, comments);
    Object value = in.value();
    if (encrypted && value != null) {
      if (!(value instanceof String text)) {
        throw at(path, "expected an encrypted value but found a clear " + kind(value));
      }
      if (!text.isEmpty()) { // sops leaves empty strings empty
        value = decryptAt(text, path);
        if (value instanceof Node.Comment) {
          throw at(path, "a value is encrypted with type comment");
        }
      }
    }
    if (value != null && (encrypted || !rules.macOnlyEncrypted())) {
      mac.update(GoFormat.macBytes(value));
    }
    return Node.Scalar.of(value);
  }

  private Node.Comment comment(Node.Comment in, List<String> path, List<List<String>> comments) {
    if (rules.commentsInClear()
        || !EncryptedValue.looksEncrypted(in.text())
        || !rules.isEncrypted(path, comments)) {
      return in;
    }
    try {
      Object clear = cipher.decryptValue(EncryptedValue.parse(in.text()), additionalData(path));
      return clear instanceof Node.Comment c ? c : new Node.Comment(GoFormat.text(clear));
    } catch (StoreException e) {
      // sops keeps a comment it cannot decrypt as it is (older sops wrote clear comments)
      return in;
    }
  }

  private Object decryptAt(String text, List<String> path) {
    try {
      return cipher.decryptValue(EncryptedValue.parse(text), additionalData(path));
    } catch (StoreException e) {
      throw at(path, e.getMessage());
    }
  }

  private static String additionalData(List<String> path) {
    return String.join(":", path) + ":";
  }

  private static StoreException at(List<String> path, String message) {
    return new StoreException("at " + KeyPath.describe(path) + ": " + message);
  }

  private static String kind(Object value) {
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value instanceof Number ? "number" : value.getClass().getSimpleName();
  }
}
