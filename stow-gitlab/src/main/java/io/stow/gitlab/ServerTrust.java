package io.stow.gitlab;

import io.stow.model.config.CaCertificates;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server certificates a stow client accepts over HTTPS: those signed by a CA the Java runtime
 * trusts, or by one of the extra CA certificates of a PEM file. The extra CAs join the runtime's as
 * trust anchors of one PKIX check, so a chain may end at either: a CA file adds CAs, it never takes
 * the runtime's away. Host names are still verified by the HTTP client. A refused certificate fails
 * the handshake with an {@link UntrustedCertificateException} that names it.
 *
 * <p>The one trust rule of stow's clients: GitLab and its Git remotes ({@link GitLabTrust}) and a
 * stow daemon ({@code stow trigger}) use it alike; each front end adds its own advice.
 */
public final class ServerTrust {

  private final Optional<CaCertificates> extra;
  private volatile Built built;

  /** What checking costs to set up (the runtime's CA store parsed), made on first use. */
  private record Built(X509ExtendedTrustManager trustManager, SSLSocketFactory socketFactory) {}

  private ServerTrust(Optional<CaCertificates> extra) {
    this.extra = Objects.requireNonNull(extra, "extra");
  }

  /** The Java runtime's CAs, plus {@code extra} when present. */
  public static ServerTrust of(Optional<CaCertificates> extra) {
    return new ServerTrust(extra);
  }

  /** The extra CAs, when there are some. */
  public Optional<CaCertificates> extra() {
    return extra;
  }

  /** Checks server chains against the runtime's CAs and the extra ones. */
  public X509ExtendedTrustManager trustManager() {
    return built().trustManager();
  }

  /** Client sockets that use {@link #trustManager()}. */
  public SSLSocketFactory socketFactory() {
    return built().socketFactory();
  }

  /**
   * Parses the runtime's CA store only when a TLS connection needs it: a daemon whose Git remote is
   * a local path or SSH never does, and the store's certificates cost it memory for nothing.
   */
  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        b = built;
        if (b == null) {
          b = build(extra);
          built = b;
        }
      }
    }
    return b;
  }

  private static Built build(Optional<CaCertificates> extra) {
    X509ExtendedTrustManager trustManager = new ExplainingTrustManager(pkix(extra), extra);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new Built(trustManager, context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime offers no TLS: " + e.getMessage(), e);
    }
  }

  /** A PKIX trust manager whose anchors are the runtime's CAs plus {@code extra}. */
  private static X509ExtendedTrustManager pkix(Optional<CaCertificates> extra) {
    X509ExtendedTrustManager runtime = trustManager(null);
    if (extra.isEmpty()) {
      return runtime;
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int index = 0;
      for (X509Certificate ca : runtime.getAcceptedIssuers()) {
        anchors.setCertificateEntry("runtime-" + index++, ca);
      }
      index = 0;
      for (X509Certificate ca : extra.get().certificates()) {
        anchors.setCertificateEntry("extra-" + index++, ca);
      }
      return trustManager(anchors);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the trusted CAs: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager trustManager(KeyStore anchors) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
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
}
