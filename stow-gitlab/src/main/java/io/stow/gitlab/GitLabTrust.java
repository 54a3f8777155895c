package io.stow.gitlab;

import io.stow.model.config.CaCertificates;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server certificates stow accepts from GitLab, and from a Git remote that GitLab serves: the
 * {@link ServerTrust} of the Java runtime's CAs plus the extra CA certificates of {@code
 * gitlabCaCert} ({@code --gitlab-ca-cert}), with advice that says how to trust a private CA in the
 * front end at hand. Host names are still verified by the HTTP client (OkHttp's verifier; the JDK's
 * endpoint identification for JGit): there is no way to turn any check off. A refused certificate
 * fails the handshake with an {@link UntrustedCertificateException} that names it.
 */
public final class GitLabTrust {

  /** How to trust a private CA, when the front end does not say it more precisely. */
  public static final String DEFAULT_HOW_TO_TRUST =
      "give stow that CA's certificate (PEM): gitlabCaCert in the daemon configuration, or"
          + " --gitlab-ca-cert FILE for stow suggest-image";

  private final ServerTrust trust;
  private final String howToTrust;

  private GitLabTrust(Optional<CaCertificates> extra, String howToTrust) {
    this.trust = ServerTrust.of(extra);
    this.howToTrust = Objects.requireNonNull(howToTrust, "howToTrust");
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
    return trust.extra();
  }

  /** Checks server chains against the runtime's CAs and the extra ones. */
  public X509ExtendedTrustManager trustManager() {
    return trust.trustManager();
  }

  /** Client sockets that use {@link #trustManager()}. */
  public SSLSocketFactory socketFactory() {
    return trust.socketFactory();
  }

  /** What to do about a certificate this trust refused, for the end of a message. */
  public String advice() {
    return trust
        .extra()
        .map(
            cas ->
                "check that "
                    + cas.file()
                    + " holds the certificate of the CA that signed it (the root, or the"
                    + " intermediate when the server does not send its chain)")
        .orElse("if it comes from a private CA, " + howToTrust);
  }
}
