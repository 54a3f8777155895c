package io.stow.cli.trigger;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificates the client trusts for the daemon: the CAs of a PEM file ({@code --cacert} or
 * {@code STOW_CACERT}) instead of the system's, as {@code curl --cacert} does, or else the Java
 * runtime's. It remembers the chain it last refused so that a failed handshake can name the
 * certificate (subject and issuer) rather than say only that a path was not found.
 */
public final class CertificateTrust {

  /** The chain a handshake presented and the trust manager refused. */
  record Refusal(String subject, String issuer, String reason) {}

  private final Optional<Path> caFile;
  private final RecordingTrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  private CertificateTrust(Optional<Path> caFile, X509ExtendedTrustManager delegate) {
    this.caFile = caFile;
    this.trustManager = new RecordingTrustManager(delegate);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime offers no TLS: " + e.getMessage(), e);
    }
  }

  /** The Java runtime's trusted CAs. */
  public static CertificateTrust system() {
    return new CertificateTrust(Optional.empty(), delegate(null));
  }

  /**
   * Only the CA certificates in a PEM file.
   *
   * @throws TriggerException when the file cannot be read or holds no certificate
   */
  public static CertificateTrust caFile(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new TriggerException("the CA file " + file + " does not exist", false);
    } catch (IOException e) {
      throw new TriggerException("cannot read the CA file " + file + ": " + e.getMessage(), false);
    } catch (CertificateException e) {
      throw new TriggerException(
          "the CA file " + file + " is not PEM certificates: " + e.getMessage(), false);
    }
    if (certificates.isEmpty()) {
      throw new TriggerException(
          "the CA file "
              + file
              + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)",
          false);
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      return new CertificateTrust(Optional.of(file), delegate(store));
    } catch (IOException | GeneralSecurityException e) {
      throw new TriggerException("cannot use the CA file " + file + ": " + e.getMessage(), false);
    }
  }

  SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** The last refused chain, if a handshake refused one. */
  Optional<Refusal> lastRefusal() {
    return Optional.ofNullable(trustManager.refused.get());
  }

  /** Forgets the last refusal, before a new request. */
  void clearRefusal() {
    trustManager.refused.set(null);
  }

  /** How to fix an untrusted certificate, for the message. */
  String advice() {
    return caFile
        .map(
            f ->
                "it is not signed by a CA in "
                    + f
                    + "; pass the CA certificate that signed the daemon's certificate with"
                    + " --cacert FILE or STOW_CACERT=FILE")
        .orElse(
            "if the daemon's certificate comes from a private CA, pass that CA's certificate (PEM)"
                + " with --cacert FILE or STOW_CACERT=FILE");
  }

  private static X509ExtendedTrustManager delegate(KeyStore store) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("this Java runtime has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up certificate checks: " + e.getMessage(), e);
    }
  }

  /** Delegates every check and keeps the server chain it refused. */
  private static final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final AtomicReference<Refusal> refused = new AtomicReference<>();

    RecordingTrustManager(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw record(chain, e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        throw record(chain, e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw record(chain, e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }

    private CertificateException record(X509Certificate[] chain, CertificateException e) {
      if (chain != null && chain.length > 0) {
        X509Certificate leaf = chain[0];
        String issuer = leaf.getIssuerX500Principal().getName();
        // the top of a longer chain names the CA the client would have to trust
        String root = chain[chain.length - 1].getIssuerX500Principal().getName();
        refused.set(
            new Refusal(
                leaf.getSubjectX500Principal().getName(),
                root.equals(issuer) ? issuer : issuer + ", chain up to " + root,
                rootCause(e)));
      }
      return e;
    }

    private static String rootCause(Throwable e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      String message = cause.getMessage();
      return message == null ? cause.getClass().getSimpleName() : message;
    }
  }
}
