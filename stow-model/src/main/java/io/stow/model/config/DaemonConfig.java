package io.stow.model.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's daemon configuration ({@code /etc/stow/daemon.yaml}), shared by {@code stow reconcile
 * --config}, {@code stow daemon} and {@code stow install-systemd}. The original tool's keys keep
 * their meaning, so its files work unchanged. Relative paths are resolved against the file's
 * directory. Tokens are {@link Secret}s: no {@code toString} shows them.
 *
 * @param file the configuration file itself (absolute)
 * @param gitlab the GitLab project the deployment repository is (this or {@code git})
 * @param git a plain Git remote the deployment repository is (this or {@code gitlab})
 * @param subfolder the host's folder in the repository (default: the host name)
 * @param keys age identities file ({@code keys}); may be empty when nothing is encrypted
 * @param pgpKeys armored PGP secret key files ({@code pgpKeys})
 * @param stateDir the state root (default: the home directory)
 * @param pollInterval how often the daemon reconciles by itself (default 5 minutes)
 * @param triggerToken the token {@code POST /trigger} requires, when set
 * @param composeProfiles the Compose profiles this host runs ({@code composeProfiles}): services of
 *     other profiles in a Compose deployment are skipped
 * @param notifications where notifications go ({@code notify}) and whether commits get statuses
 *     ({@code commitStatus})
 * @param gitlabCaCert CA certificates trusted, beside the Java runtime's, for GitLab's API and for
 *     an {@code https://} Git remote ({@code gitlabCaCert})
 */
public record DaemonConfig(
    Path file,
    Optional<GitLabSettings> gitlab,
    Optional<GitSettings> git,
    String subfolder,
    Optional<Path> keys,
    List<Path> pgpKeys,
    Optional<Path> sopsBinary,
    ListenAddress listen,
    Optional<Path> tlsCrt,
    Optional<Path> tlsKey,
    Optional<Path> stateDir,
    Duration pollInterval,
    Optional<Secret> triggerToken,
    List<String> composeProfiles,
    Notifications notifications,
    Optional<CaCertificates> gitlabCaCert) {

  /** The default {@link #pollInterval}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

  public DaemonConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(gitlab, "gitlab");
    Objects.requireNonNull(git, "git");
    if (gitlab.isPresent() == git.isPresent()) {
      throw new IllegalArgumentException("a host has exactly one source: gitlab or git");
    }
    Objects.requireNonNull(subfolder, "subfolder");
    Objects.requireNonNull(keys, "keys");
    pgpKeys = List.copyOf(pgpKeys);
    Objects.requireNonNull(sopsBinary, "sopsBinary");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tlsCrt, "tlsCrt");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(triggerToken, "triggerToken");
    composeProfiles = List.copyOf(composeProfiles);
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(gitlabCaCert, "gitlabCaCert");
    if (notifications.commitStatus() && gitlab.isEmpty()) {
      throw new IllegalArgumentException("commit statuses need a GitLab source");
    }
  }

  /** Whether the daemon serves HTTPS ({@code tlsCrt} and {@code tlsKey} are both set). */
  public boolean tls() {
    return tlsCrt.isPresent() && tlsKey.isPresent();
  }

  /** The branch the host deploys; empty for the repository's default branch. */
  public Optional<String> branch() {
    return gitlab.map(GitLabSettings::branch).orElseGet(() -> git.orElseThrow().branch());
  }

  /**
   * A plain Git remote a host deploys from ({@code git:} in the configuration).
   *
   * @param url {@code ssh://}, {@code git@host:path}, {@code https://} or {@code file://}
   * @param branch the tracked branch; empty for the remote's default branch
   * @param sshKey the private deploy key for SSH remotes
   * @param knownHosts the OpenSSH known_hosts file SSH host keys are checked against
   */
  public record GitSettings(
      String url, Optional<String> branch, Optional<Path> sshKey, Optional<Path> knownHosts) {

    public GitSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(sshKey, "sshKey");
      Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** Whether the remote is reached over SSH ({@code ssh://} or {@code user@host:path}). */
    public boolean ssh() {
      return url.startsWith("ssh://") || url.matches("[^/:@]+@[^/:]+:.*");
    }

    @Override
    public String toString() {
      return "GitSettings[url=" + redactedUrl() + ", branch=" + branch + "]";
    }

    /** The URL without a password or token it may carry ({@code https://user:token@host/...}). */
    public String redactedUrl() {
      return url.replaceFirst("^(https?://)[^/@]*@", "$1<redacted>@");
    }
  }

  /**
   * The GitLab project a host deploys from.
   *
   * @param apiBase the API base, always ending in {@code /api/v4} (no trailing slash)
   * @param project a numeric id or {@code group/path}
   * @param branch the tracked branch; empty for the project's default branch
   */
  public record GitLabSettings(
      String apiBase, String project, Secret token, Optional<String> branch) {

    public GitLabSettings {
      Objects.requireNonNull(apiBase, "apiBase");
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(branch, "branch");
    }
  }
}
