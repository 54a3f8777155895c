package io.stow.model.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CA certificates from a PEM file that stow trusts in addition to the Java runtime's own, for one
 * server it connects to: a GitLab whose certificate comes from a private CA ({@code gitlabCaCert},
 * {@code --gitlab-ca-cert}). Only {@code CERTIFICATE} blocks count; text between blocks is ignored
 * (bundles often carry comments), anything else in a block is an error. The certificates are public
 * material, but {@link #read} never quotes the file anyway: it may be a key given by mistake.
 *
 * @param file where the certificates were read from, for messages
 * @param certificates at least one, in file order
 */
public record CaCertificates(Path file, List<X509Certificate> certificates) {

  /** The largest file accepted: a full system bundle is about 200 KiB. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
  private static final String END = "-----END CERTIFICATE-----";

  public CaCertificates {
    Objects.requireNonNull(file, "file");
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("at least one CA certificate");
    }
  }

  /**
   * Reads the PEM certificates of {@code file}.
   *
   * @throws CaFileException saying what is wrong with the file (without naming it: the caller knows
   *     which key or option named it)
   */
  public static CaCertificates read(Path file) {
    if (Files.isDirectory(file)) {
      throw new CaFileException("it is a directory, not a PEM file");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new CaFileException("no such file");
    } catch (AccessDeniedException e) {
      throw new CaFileException("cannot read it: permission denied");
    } catch (IOException e) {
      throw new CaFileException("cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    if (content.length > MAX_BYTES) {
      throw new CaFileException(
          "it is larger than "
              + MAX_BYTES / 1024 / 1024
              + " MiB; a CA file holds a few certificates");
    }
    return new CaCertificates(file, parse(content));
  }

  /**
   * The certificates of PEM text.
   *
   * @throws CaFileException when a block is broken or not a certificate, or there is none
   */
  static List<X509Certificate> parse(byte[] content) {
    if (content.length > 0 && (content[0] & 0xff) == 0x30) {
      throw new CaFileException(
          "it is a binary (DER) certificate, not PEM; convert it with"
              + " openssl x509 -inform der -in FILE -out FILE.pem");
    }
    // ISO-8859-1 maps every byte to one char: stray binary cannot break the line numbers
    String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
    List<X509Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher begin = BEGIN.matcher(lines[i].strip());
      if (!begin.matches()) {
        continue;
      }
      int line = i + 1;
      String label = begin.group(1);
      if (!label.equals("CERTIFICATE")) {
        throw new CaFileException(notACertificate(label, line));
      }
      StringBuilder base64 = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !lines[j].strip().startsWith("-----")) {
        base64.append(lines[j].strip());
        j++;
      }
      String where = "certificate " + (certificates.size() + 1) + " (line " + line + ")";
      if (j == lines.length || !lines[j].strip().equals(END)) {
        throw new CaFileException(where + " has no " + END + " line");
      }
      certificates.add(certificate(base64.toString(), where));
      i = j;
    }
    if (certificates.isEmpty()) {
      throw new CaFileException(
          "it holds no certificate; it must hold the CA certificate(s) in PEM form"
              + " (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  private static String notACertificate(String label, int line) {
    if (label.contains("PRIVATE KEY")) {
      return "it holds a private key (line "
          + line
          + "); give the CA's certificate only (-----BEGIN CERTIFICATE-----), never a key";
    }
    if (label.equals("TRUSTED CERTIFICATE")) {
      return "line "
          + line
          + " is OpenSSL's TRUSTED CERTIFICATE form; convert it with"
          + " openssl x509 -in FILE -out FILE.pem";
    }
    return "line "
        + line
        + " begins a "
        + label
        + " block; the file must hold CA certificates only (-----BEGIN CERTIFICATE-----)";
  }

  private static X509Certificate certificate(String base64, String where) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new CaFileException(where + " is not valid Base64; the PEM text is damaged");
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new CaFileException(
          where + " is not a valid X.509 certificate; the PEM text is damaged");
    }
  }

  /** The subjects of the certificates, for a log line. */
  public List<String> subjects() {
    return certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
  }

  @Override
  public String toString() {
    return "CaCertificates[file=" + file + ", certificates=" + certificates.size() + "]";
  }
}
