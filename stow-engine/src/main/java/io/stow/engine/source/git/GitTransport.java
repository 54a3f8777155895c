package io.stow.engine.source.git;

import io.stow.engine.source.SourceException;
import io.stow.gitlab.GitLabTrust;
import io.stow.gitlab.UntrustedCertificateException;
import io.stow.model.config.DaemonConfig.GitSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How one Git command reaches the remote. Over SSH: only the configured deploy key, host keys
 * checked against the configured known_hosts file and nothing else (no {@code ~/.ssh/config}, no
 * agent, never a key accepted on first use). Over HTTPS: the server's certificate checked against
 * the Java runtime's CAs plus {@code gitlabCaCert}, always, with its host name. A file remote needs
 * nothing.
 */
final class GitTransport implements AutoCloseable {

  private final GitSettings settings;
  private final Optional<SshdSessionFactory> ssh;
  private final Optional<KnownHostsDatabase> hostKeys;
  private final GitLabTrust trust;
  private final VerifiedHttpConnections https;

  GitTransport(GitSettings settings, Path sshHome, GitLabTrust trust) {
    this.settings = settings;
    this.trust = trust;
    this.https = new VerifiedHttpConnections(trust);
    if (settings.ssh()) {
      Path key = settings.sshKey().orElseThrow();
      Path knownHosts = settings.knownHosts().orElseThrow();
      KnownHostsDatabase database = new KnownHostsDatabase(knownHosts);
      this.hostKeys = Optional.of(database);
      this.ssh =
          Optional.of(
              new SshdSessionFactoryBuilder()
                  .setHomeDirectory(sshHome.toFile())
                  .setSshDirectory(sshHome.toFile())
                  .setConfigFile(dir -> sshHome.resolve("no-config").toFile())
                  .setPreferredAuthentications("publickey")
                  .setDefaultIdentities(dir -> List.of(key))
                  .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
                  .setServerKeyDatabase((home, dir) -> database)
                  .build(null));
    } else {
      this.hostKeys = Optional.empty();
      this.ssh = Optional.empty();
    }
  }

  /** Configures a JGit command to use this transport. */
  <C extends TransportCommand<C, ?>> C apply(C command) {
    return command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport sshTransport && ssh.isPresent()) {
            sshTransport.setSshSessionFactory(ssh.get());
          }
          if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(https);
          }
        });
  }

  /**
   * The failure of a remote operation for an operator: a refused host key says which key to pin;
   * anything else names the remote (without credentials) and what Git said.
   */
  SourceException failure(String what, Exception e) {
    Optional<KnownHostsDatabase.Refusal> refused = hostKeys.flatMap(KnownHostsDatabase::refusal);
    if (refused.isPresent()) {
      return new SourceException(refused.get().describe(settings.knownHosts().orElseThrow()), e);
    }
    Optional<UntrustedCertificateException> untrusted = UntrustedCertificateException.in(e);
    if (untrusted.isPresent()) {
      return new SourceException(
          "Git remote "
              + settings.redactedUrl()
              + ": "
              + what
              + " failed: TLS failed: "
              + untrusted.get().getMessage()
              + "; "
              + trust.advice(),
          e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message += tlsReason(e);
    return new SourceException(
        "Git remote "
            + settings.redactedUrl()
            + ": "
            + what
            + " failed: "
            + message.replace(settings.url(), settings.redactedUrl())
            + (settings.ssh()
                ? "; check that the deploy key ("
                    + settings.sshKey().orElseThrow()
                    + ".pub) is allowed to read the repository"
                : ""),
        e);
  }

  /** What the TLS stack said, when an HTTPS failure's own message does not (JGit's does not). */
  private static String tlsReason(Exception e) {
    Throwable cause = e;
    boolean tls = false;
    while (cause.getCause() != null && cause.getCause() != cause) {
      tls |= cause instanceof SSLException;
      cause = cause.getCause();
    }
    tls |= cause instanceof SSLException;
    return tls && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "";
  }

  /** Whether the server's host key was refused (then {@link #failure} says which key to pin). */
  boolean refusedHostKey() {
    return hostKeys.flatMap(KnownHostsDatabase::refusal).isPresent();
  }

  @Override
  public void close() {
    ssh.ifPresent(SshdSessionFactory::close);
  }
}
