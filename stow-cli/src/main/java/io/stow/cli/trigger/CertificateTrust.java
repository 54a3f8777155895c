package io.stow.cli.trigger;

import io.stow.gitlab.ServerTrust;
import io.stow.model.config.CaCertificates;
import io.stow.model.config.CaFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificates the client trusts for the daemon: the Java runtime's CAs, plus those of a PEM
 * file ({@code --cacert} or {@code STOW_CACERT}) when one is given, by the same rule as stow's
 * GitLab client ({@link ServerTrust}): the file adds CAs, it does not replace the runtime's. A
 * refused certificate fails the handshake with an {@link
 * io.stow.gitlab.UntrustedCertificateException} that names it; {@link #advice()} says what to do.
 */
public final class CertificateTrust {

  private static final String HOW_TO_PASS = "--cacert FILE or STOW_CACERT=FILE";

  private final ServerTrust trust;

  private CertificateTrust(ServerTrust trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /** The Java runtime's trusted CAs. */
  public static CertificateTrust system() {
    return new CertificateTrust(ServerTrust.of(Optional.empty()));
  }

  /**
   * The Java runtime's CAs and those of a PEM file, read by the rules of {@link CaCertificates}.
   *
   * @param source what named the file, for messages ({@code --cacert}, {@code STOW_CACERT})
   * @throws TriggerException naming the file when it cannot be read or holds no CA certificate
   */
  public static CertificateTrust caFile(Path file, String source) {
    try {
      return new CertificateTrust(ServerTrust.of(Optional.of(CaCertificates.read(file))));
    } catch (CaFileException e) {
      throw new TriggerException(
          "the CA file "
              + file
              + " ("
              + source
              + "): "
              + e.getMessage()
              + "; it must be a PEM file with the certificate of the CA that signed the daemon's"
              + " certificate",
          false);
    }
  }

  SSLSocketFactory socketFactory() {
    return trust.socketFactory();
  }

  X509ExtendedTrustManager trustManager() {
    return trust.trustManager();
  }

  /** How to fix an untrusted certificate, for the end of the message. */
  String advice() {
    return trust
        .extra()
        .map(
            cas ->
                "check that "
                    + cas.file()
                    + " holds the certificate of the CA that signed the daemon's certificate (the"
                    + " root, or the intermediate when the daemon does not send its chain)")
        .orElse(
            "if the daemon's certificate comes from a private CA, pass that CA's certificate (PEM)"
                + " with "
                + HOW_TO_PASS);
  }
}
