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
 * @param gitlab where the deployment repository lives
 * @param subfolder the host's folder in the repository (default: the host name)
 * @param keys age identities file ({@code keys}); may be empty when nothing is encrypted
 * @param pgpKeys armored PGP secret key files ({@code pgpKeys})
 * @param stateDir the state root (default: the home directory)
 * @param pollInterval how often the daemon reconciles by itself (default 5 minutes)
 * @param triggerToken the token {@code POST /trigger} requires, when set
 * @param composeProfiles the Compose profiles this host runs ({@code composeProfiles}): services of
 *     other profiles in a Compose deployment are skipped
 */
public record DaemonConfig(
    Path file,
    GitLabSettings gitlab,
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
    List<String> composeProfiles) {

  /** The default {@link #pollInterval}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

  public DaemonConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(gitlab, "gitlab");
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
  }

  /** Whether the daemon serves HTTPS ({@code tlsCrt} and {@code tlsKey} are both set). */
  public boolean tls() {
    return tlsCrt.isPresent() && tlsKey.isPresent();
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
