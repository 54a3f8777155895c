package io.stow.gitlab;

import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * A server certificate {@link ServerTrust} refused: no trusted CA signed it (or its chain is not
 * valid, e.g. expired). The message names the certificate's subject and issuer and what the Java
 * runtime found wrong; the HTTP client surfaces it as the cause of its TLS failure.
 */
public final class UntrustedCertificateException extends CertificateException {

  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String issuer;

  UntrustedCertificateException(String message, String subject, String issuer, Throwable cause) {
    super(message, cause);
    this.subject = subject;
    this.issuer = issuer;
  }

  /** The refused certificate's subject. */
  public String subject() {
    return subject;
  }

  /** The issuer of the refused certificate (or of the top of its chain). */
  public String issuer() {
    return issuer;
  }

  /** The refusal behind {@code failure} (a TLS or Git transport error), if there is one. */
  public static Optional<UntrustedCertificateException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UntrustedCertificateException refused) {
        return Optional.of(refused);
      }
    }
    return Optional.empty();
  }
}
