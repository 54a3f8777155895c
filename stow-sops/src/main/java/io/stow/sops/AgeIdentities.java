package io.stow.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Age X25519 identities and the decryption of the armored age files sops stores, using jagged.
 * Messages name identity sources and counts, never an identity.
 */
final class AgeIdentities {

  private static final String X25519_PREFIX = "AGE-SECRET-KEY-1";
  static final int MAX_KEY_FILE_BYTES = 1024 * 1024;

  private final List<RecipientStanzaReader> readers;
  private final List<String> sources;
  private final List<String> problems;

  private AgeIdentities(
      List<RecipientStanzaReader> readers, List<String> sources, List<String> problems) {
    this.readers = List.copyOf(readers);
    this.sources = List.copyOf(sources);
    this.problems = List.copyOf(problems);
  }

  /**
   * Loads every identity; unreadable files and lines become {@link #problems()}, not errors.
   *
   * @throws SopsException naming a key file that is not a regular file of at most 1 MiB
   */
  static AgeIdentities load(SopsKeys keys) {
    List<RecipientStanzaReader> readers = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : keys.ageKeyFiles()) {
      sources.add(file.toString());
      try {
        byte[] content = BoundedFiles.readWhole(file, MAX_KEY_FILE_BYTES, "age key file");
        parse(new String(content, StandardCharsets.UTF_8), file.toString(), readers, problems);
      } catch (IOException e) {
        problems.add(
            "cannot read age key file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    for (int i = 0; i < keys.ageKeys().size(); i++) {
      String source = keys.ageKeys().size() == 1 ? "SOPS_AGE_KEY" : "inline age key #" + (i + 1);
      sources.add(source);
      parse(keys.ageKeys().get(i), source, readers, problems);
    }
    return new AgeIdentities(readers, sources, problems);
  }

  private static void parse(
      String text, String source, List<RecipientStanzaReader> readers, List<String> problems) {
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "line " + (i + 1) + " of " + source;
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("AGE-SECRET-KEY-PQ-")) {
        problems.add(
            where
                + " is a post-quantum age identity, which native decryption does not"
                + " support: configure sopsBinary");
      } else if (upper.startsWith("AGE-PLUGIN-")) {
        problems.add(
            where
                + " is an age plugin identity, which native decryption does not"
                + " support: configure sopsBinary");
      } else if (upper.startsWith(X25519_PREFIX)) {
        try {
          readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line));
        } catch (GeneralSecurityException | RuntimeException e) {
          problems.add(where + " is not a valid age X25519 identity");
        }
      } else {
        problems.add(where + " is not an age identity (AGE-SECRET-KEY-1...)");
      }
    }
  }

  /** How many usable identities were loaded. */
  int size() {
    return readers.size();
  }

  /** Where identities came from, e.g. "/root/keys.txt", "SOPS_AGE_KEY". */
  List<String> sources() {
    return sources;
  }

  /** Files or lines that could not be used, for error messages. */
  List<String> problems() {
    return problems;
  }

  /**
   * Decrypts an armored age file with any identity.
   *
   * @return the plaintext, or null when no identity matches its recipients
   * @throws StoreException when the age file itself is malformed
   */
  byte[] decrypt(String armored) {
    if (readers.isEmpty()) {
      return null;
    }
    InputStream in = new ByteArrayInputStream(armored.strip().getBytes(StandardCharsets.US_ASCII));
    try (InputStream plain =
        Channels.newInputStream(
            new ArmoredDecryptingChannelFactory()
                .newDecryptingChannel(Channels.newChannel(in), readers))) {
      return plain.readNBytes(64 * 1024);
    } catch (UnsupportedRecipientStanzaException e) {
      return null;
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new StoreException(
          "the age-encrypted data key is malformed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
