package io.stow.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority (EC P-256, made with BouncyCastle) and a server certificate it
 * signed for 127.0.0.1 and localhost (or other names): a daemon, or a GitLab, with a private CA, as
 * operators run them.
 */
public final class TestCa {

  public static final String CA_SUBJECT = "CN=stow it CA";
  public static final String SERVER_SUBJECT = "CN=stow it daemon";
  private static final char[] PASSWORD = "stow-it".toCharArray();

  private final X509Certificate ca;
  private final X509Certificate server;
  private final KeyPair serverKeys;

  public TestCa() {
    this("127.0.0.1", "localhost");
  }

  /** A CA whose server certificate names these hosts (IPv4 literals or DNS names) only. */
  public TestCa(String... serverNames) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair caKeys = generator.generateKeyPair();
      serverKeys = generator.generateKeyPair();
      X500Name caName = new X500Name(CA_SUBJECT);
      Instant now = Instant.now();
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date to = Date.from(now.plus(Duration.ofDays(1)));
      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(
              caName, BigInteger.ONE, from, to, caName, caKeys.getPublic());
      caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      caBuilder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca = sign(caBuilder, caKeys);
      X509v3CertificateBuilder serverBuilder =
          new JcaX509v3CertificateBuilder(
              caName,
              BigInteger.TWO,
              from,
              to,
              new X500Name(SERVER_SUBJECT),
              serverKeys.getPublic());
      serverBuilder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      serverBuilder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              Arrays.stream(serverNames)
                  .map(
                      name ->
                          new GeneralName(
                              name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                              name))
                  .toArray(GeneralName[]::new)));
      server = sign(serverBuilder, caKeys);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA certificate as PEM, as an operator hands it to {@code --cacert}. */
  public Path writeCaPem(Path file) throws IOException {
    return Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
  }

  /** The CA certificate as PEM text. */
  public String caPem() {
    return pem(ca);
  }

  /** The server certificate and the CA as PEM, as a daemon's {@code tlsCrt}. */
  public Path writeServerChainPem(Path file) throws IOException {
    return Files.writeString(file, pem(server) + pem(ca), StandardCharsets.US_ASCII);
  }

  /** The server key as PKCS#8 PEM, as a daemon's {@code tlsKey}. */
  public Path writeServerKeyPem(Path file) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(serverKeys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  /** The server key and chain in a PKCS#12 file with the password {@link #password()}. */
  public Path writeServerKeyStore(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      keyStore().store(out, PASSWORD);
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String password() {
    return new String(PASSWORD);
  }

  /** A server-side TLS context presenting the server certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client-side TLS context that trusts this CA only, as the test's own requests need. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyStore keyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", serverKeys.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
      return store;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
