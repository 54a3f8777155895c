package io.stow.engine.source.git;

import io.stow.gitlab.GitLabTrust;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections (the JDK's {@code HttpsURLConnection}) with the certificates of a {@link
 * GitLabTrust}: the Java runtime's CAs plus {@code gitlabCaCert}. The JDK's default host name
 * verifier stays. Every https connection is checked, even when a Git configuration that JGit reads
 * ({@code ~/.gitconfig}, {@code /etc/gitconfig}) says {@code http.sslVerify=false}: stow has no
 * switch that turns certificate checks off, and neither has a file it does not own.
 */
final class VerifiedHttpConnections implements HttpConnectionFactory2 {

  private final JDKHttpConnectionFactory jdk = new JDKHttpConnectionFactory();
  private final GitLabTrust trust;

  VerifiedHttpConnections(GitLabTrust trust) {
    this.trust = trust;
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return jdk.create(url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return jdk.create(url, proxy);
  }

  @Override
  public GitSession newSession() {
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws GeneralSecurityException {
        if ("https".equals(connection.getURL().getProtocol())) {
          connection.configure(null, new TrustManager[] {trust.trustManager()}, null);
        }
        return connection;
      }

      @Override
      public void close() {
        // nothing is held between connections
      }
    };
  }
}
