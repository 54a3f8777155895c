package io.stow.daemon.startup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The daemon's TLS identity from PEM files: a certificate chain (leaf first) and its private key,
 * RSA or EC, in PKCS#1/SEC1 ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}) or PKCS#8 ({@code
 * PRIVATE KEY}) form, parsed with BouncyCastle's PEM parser and handed to the JDK's TLS. The key
 * must match the certificate. Messages name the file and never quote its content.
 *
 * @param context TLS 1.2/1.3 server context with this identity
 * @param leaf the server certificate
 */
public record TlsIdentity(SSLContext context, X509Certificate leaf) {

  public TlsIdentity {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(leaf, "leaf");
  }

  /**
   * Loads {@code certificate} and {@code key}.
   *
   * @throws DaemonStartException saying which file is unusable and why
   */
  public static TlsIdentity load(Path certificate, Path key) {
    List<X509Certificate> chain = certificates(certificate);
    PrivateKey privateKey = privateKey(key);
    checkPair(chain.get(0), privateKey, certificate, key);
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      store.setKeyEntry("stow", privateKey, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      // no client certificates are asked for, so no trust managers: with null the JDK would parse
      // its whole CA store for a server that never checks a chain
      context.init(keys.getKeyManagers(), new TrustManager[0], new SecureRandom());
      return new TlsIdentity(context, chain.get(0));
    } catch (GeneralSecurityException | IOException e) {
      throw new DaemonStartException(
          "cannot set up TLS with " + certificate + " and " + key + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new DaemonStartException(
          "tlsCrt "
              + file
              + ": cannot read a PEM certificate ("
              + e.getClass().getSimpleName()
              + "); it must hold the server certificate in PEM form (-----BEGIN CERTIFICATE-----),"
              + " then any intermediates",
          e);
    }
    if (chain.isEmpty()) {
      throw new DaemonStartException(
          "tlsCrt "
              + file
              + ": no certificate found; it must hold the server certificate in PEM form"
              + " (-----BEGIN CERTIFICATE-----), then any intermediates");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof PEMKeyPair pair) {
          // the private part only: a SEC1 EC key may come without its (optional) public key
          return jdkKey(pair.getPrivateKeyInfo(), file);
        }
        if (object instanceof PrivateKeyInfo info) {
          return jdkKey(info, file);
        }
        if (object instanceof PEMEncryptedKeyPair
            || object instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new DaemonStartException(
              "tlsKey "
                  + file
                  + ": the key is encrypted; give the daemon an unencrypted key (the 0400 mode of"
                  + " the configuration directory protects it): openssl pkey -in KEY -out"
                  + " KEY.plain");
        }
        // other objects (EC PARAMETERS before an EC key) are skipped
      }
    } catch (DaemonStartException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DaemonStartException(
          "tlsKey "
              + file
              + ": cannot read a PEM private key ("
              + e.getClass().getSimpleName()
              + "); it must be an RSA or EC key in PEM form (BEGIN PRIVATE KEY, RSA PRIVATE KEY or"
              + " EC PRIVATE KEY)",
          e);
    }
    throw new DaemonStartException(
        "tlsKey "
            + file
            + ": no private key found; it must be an RSA or EC key in PEM form (BEGIN PRIVATE KEY,"
            + " RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  /**
   * The key as the JDK's own key factory makes it. (BouncyCastle's converter names EC keys "ECDSA"
   * once its provider is registered, as Apache MINA sshd does for the Git source.)
   */
  private static PrivateKey jdkKey(PrivateKeyInfo info, Path file) throws IOException {
    String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
    String algorithm =
        switch (oid) {
          case "1.2.840.113549.1.1.1" -> "RSA";
          case "1.2.840.10045.2.1" -> "EC";
          default ->
              throw new DaemonStartException(
                  "tlsKey "
                      + file
                      + ": the key is "
                      + algorithmName(oid)
                      + "; use an RSA or EC key");
        };
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + algorithm + " keys", e);
    } catch (InvalidKeySpecException e) {
      throw new IOException("not a valid " + algorithm + " private key", e);
    }
  }

  private static String algorithmName(String oid) {
    return switch (oid) {
      case "1.3.101.112" -> "Ed25519";
      case "1.3.101.113" -> "Ed448";
      case "1.2.840.10040.4.1" -> "DSA";
      default -> "algorithm " + oid;
    };
  }

  /** Signs a test value with the key and verifies it with the certificate's public key. */
  private static void checkPair(
      X509Certificate leaf, PrivateKey key, Path certificate, Path keyFile) {
    String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    boolean matches;
    try {
      byte[] probe = "stow tls key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new DaemonStartException(
          "tlsKey "
              + keyFile
              + " is not the key of the first certificate in tlsCrt "
              + certificate
              + "; put the server certificate first and give its own key");
    }
  }
}
