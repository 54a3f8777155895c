package io.stow.cli;

import io.stow.gitlab.GitLabTrust;
import io.stow.model.config.CaCertificates;
import io.stow.model.config.CaFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code --gitlab-ca-cert FILE} of a command that reaches GitLab without a daemon configuration:
 * the CA certificates of that PEM file, else of {@code CI_SERVER_TLS_CA_FILE} (which GitLab runners
 * set when the instance has a custom CA), trusted beside the Java runtime's. It plays the part of
 * {@code gitlabCaCert} in {@code daemon.yaml}, with the same file rules.
 */
final class GitLabCaCertOption {

  static final String VARIABLE = "CI_SERVER_TLS_CA_FILE";

  private static final String HOW_TO_TRUST =
      "pass a PEM file with that CA's certificate with --gitlab-ca-cert FILE (GitLab runners set "
          + VARIABLE
          + " to one when the instance has a custom CA)";

  private final CliComposition composition;
  private OptionSpec<String> spec;

  GitLabCaCertOption(CliComposition composition) {
    this.composition = composition;
  }

  void declare(OptionParser parser) {
    spec =
        parser
            .accepts(
                "gitlab-ca-cert",
                "also trust the CA certificates of this PEM file for GitLab (default: $"
                    + VARIABLE
                    + ", which GitLab runners set for a GitLab with a custom CA)")
            .withRequiredArg()
            .describedAs("FILE");
  }

  /**
   * The Java runtime's CAs plus those of the option or the variable; empty after saying on the
   * console why the file is unusable, before any request.
   */
  Optional<GitLabTrust> trust(OptionSet options, Map<String, String> env, Console console) {
    String source;
    String value;
    if (options.has(spec)) {
      source = "--gitlab-ca-cert";
      value = options.valueOf(spec).strip();
    } else {
      source = VARIABLE;
      value = env.getOrDefault(VARIABLE, "").strip();
      if (value.isEmpty()) {
        return Optional.of(GitLabTrust.of(Optional.empty(), HOW_TO_TRUST));
      }
    }
    Path file = composition.workingDirectory().resolve(value).normalize();
    try {
      return Optional.of(GitLabTrust.of(Optional.of(CaCertificates.read(file)), HOW_TO_TRUST));
    } catch (CaFileException e) {
      console
          .err()
          .println(
              "error: "
                  + source
                  + " "
                  + file
                  + ": "
                  + e.getMessage()
                  + "; it must be a PEM file with the certificate of the CA that signed GitLab's"
                  + " certificate");
      return Optional.empty();
    }
  }
}
