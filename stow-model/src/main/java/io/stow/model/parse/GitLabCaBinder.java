package io.stow.model.parse;

import io.stow.model.config.CaCertificates;
import io.stow.model.config.CaFileException;
import io.stow.model.config.DaemonConfig.GitLabSettings;
import io.stow.model.config.DaemonConfig.GitSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code gitlabCaCert}: a PEM file of CA certificates trusted beside the Java runtime's for the
 * host's source, GitLab's API or an {@code https://} Git remote. The file is read while the
 * configuration is parsed, so an unusable one stops everything before anything starts.
 */
final class GitLabCaBinder {

  static final String KEY = "gitlabCaCert";

  private GitLabCaBinder() {}

  /**
   * The certificates, or empty when the key is absent or has a problem (recorded in {@code c}).
   *
   * @param gitlab the GitLab source, when the configuration has a valid one
   * @param git the Git source, when the configuration has a valid one
   */
  static Optional<CaCertificates> bind(
      Binding c, Path base, Optional<GitLabSettings> gitlab, Optional<GitSettings> git) {
    Optional<String> value = c.string(KEY).map(String::strip).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (gitlab.isPresent() && !gitlab.get().apiBase().startsWith("https://")) {
      c.problem(
          KEY,
          "gitlabBase does not use HTTPS, so there is no certificate to check; use an https URL"
              + " in gitlabBase, or remove gitlabCaCert");
    }
    if (git.isPresent() && !git.get().url().startsWith("https://")) {
      c.problem(
          KEY,
          "the Git remote (git.url) is not reached over HTTPS, so there is no certificate to"
              + " check; remove gitlabCaCert (an SSH server's key is pinned by git.knownHosts)");
    }
    Path file = base.resolve(value.get()).normalize();
    try {
      return Optional.of(CaCertificates.read(file));
    } catch (CaFileException e) {
      c.problem(
          KEY,
          "the CA file it names is unusable: "
              + e.getMessage()
              + "; gitlabCaCert must name a PEM file with the certificate of the CA that signed"
              + " GitLab's certificate"
              + (Path.of(value.get()).isAbsolute()
                  ? ""
                  : " (a relative path is resolved against this file's directory)"));
      return Optional.empty();
    }
  }
}
