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
 * The server certificates stow accepts from GitLab, and from a Git remote that GitLab serves: those
 * signed by a CA the Java runtime trusts, or by one of the extra CA certificates of {@code
 * gitlabCaCert} ({@code --gitlab-ca-cert}). The extra CAs join the runtime's as trust anchors of
 * one PKIX check, so a chain may end at either. Host names are still verified by the HTTP client
 * (OkHttp's verifier; the JDK's endpoint identification for JGit): there is no way to turn any
 * check off. A refused certificate fails the handshake with an {@link
 * UntrustedCertificateException} that names it.
 */
public final class GitLabTrust {

  /** How to trust a private CA, when the front end does not say it more precisely. */
  public static final String DEFAULT_HOW_TO_TRUST =
      "give stow that CA's certificate (PEM): gitlabCaCert in the daemon configuration, or"
          + " --gitlab-ca-cert FILE for stow suggest-image";

  private final Optional<CaCertificates> extra;
  private final String howToTrust;
  private final X509ExtendedTrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  private GitLabTrust(Optional<CaCertificates> extra, String howToTrust) {
    this.extra = Objects.requireNonNull(extra, "extra");
    this.howToTrust = Objects.requireNonNull(howToTrust, "howToTrust");
    this.trustManager = new ExplainingTrustManager(pkix(extra), extra);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime offers no TLS: " + e.getMessage(), e);
    }
  }

  /** The Java runtime's CAs only, with the {@link #DEFAULT_HOW_TO_TRUST} advice. */
  public static GitLabTrust javaRuntime() {
    return new GitLabTrust(Optional.empty(), DEFAULT_HOW_TO_TRUST);
  }

  /**
   * The Java runtime's CAs and {@code extra}.
   *
   * @param howToTrust what the user does, in this front end, to trust a private CA (for messages:
   *     "set gitlabCaCert in /etc/stow/daemon.yaml to ...")
   */
  public static GitLabTrust of(Optional<CaCertificates> extra, String howToTrust) {
    return new GitLabTrust(extra, howToTrust);
  }

  /** The extra CAs, when there are some. */
  public Optional<CaCertificates> extra() {
    return extra;
  }

  /** Checks server chains against the runtime's CAs and the extra ones. */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** Client sockets that use {@link #trustManager()}. */
  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /** What to do about a certificate this trust refused, for the end of a message. */
  public String advice() {
    return extra
        .map(
            cas ->
                "check that "
                    + cas.file()
                    + " holds the certificate of the CA that signed it (the root, or the"
                    + " intermediate when the server does not send its chain)")
        .orElse("if it comes from a private CA, " + howToTrust);
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
