package io.stow.gitlab;

import io.stow.model.config.CaCertificates;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Delegates every check to a PKIX trust manager and turns a refused server chain into an {@link
 * UntrustedCertificateException} that names the certificate and the CAs it was checked against. A
 * chain refused only because it does not name the host (the JDK's endpoint identification) keeps
 * the JDK's own message, which says so.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

  /** One server check; the variants differ in what carries the TLS parameters. */
  @FunctionalInterface
  private interface Check {
    void run() throws CertificateException;
  }

  private final X509ExtendedTrustManager delegate;
  private final Optional<CaCertificates> extra;

  ExplainingTrustManager(X509ExtendedTrustManager delegate, Optional<CaCertificates> extra) {
    this.delegate = delegate;
    this.extra = extra;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    explain(chain, authType, () -> delegate.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    explain(chain, authType, () -> delegate.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    explain(chain, authType, () -> delegate.checkServerTrusted(chain, authType));
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

  private void explain(X509Certificate[] chain, String authType, Check check)
      throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      if (chain == null || chain.length == 0 || trustedRegardlessOfHost(chain, authType)) {
        throw e;
      }
      X509Certificate leaf = chain[0];
      String subject = leaf.getSubjectX500Principal().getName();
      String issuer = leaf.getIssuerX500Principal().getName();
      // the top of a longer chain names the CA the host would have to trust
      String root = chain[chain.length - 1].getIssuerX500Principal().getName();
      String issuedBy = root.equals(issuer) ? issuer : issuer + ", chain up to " + root;
      throw new UntrustedCertificateException(
          "the server's certificate (subject \""
              + subject
              + "\", issued by \""
              + issuedBy
              + "\") is not trusted"
              + extra.map(cas -> " by the CAs of " + cas.file() + " or").orElse(" by")
              + " the Java runtime's CAs: "
              + rootCause(e),
          subject,
          issuedBy,
          e);
    }
  }

  /** Whether the chain passes without the host name check, so that check alone refused it. */
  private boolean trustedRegardlessOfHost(X509Certificate[] chain, String authType) {
    try {
      delegate.checkServerTrusted(chain, authType);
      return true;
    } catch (CertificateException e) {
      return false;
    }
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
