package io.stow.cli;

import io.stow.engine.source.git.DeployKey;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.DaemonConfig.GitSettings;
import io.stow.model.config.HostName;
import java.nio.file.Path;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow deploy-key --config F}: makes the host's ed25519 deploy key for its Git remote when
 * there is none, and prints the public key and where to add it (read-only).
 */
final class DeployKeyCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> config;

  DeployKeyCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "deploy-key";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "make this host's SSH deploy key for its Git remote (git.sshKey) and print it";
  }

  @Override
  public void declare(OptionParser parser) {
    config =
        parser
            .accepts("config", "the daemon configuration")
            .withRequiredArg()
            .describedAs("F")
            .defaultsTo("/etc/stow/daemon.yaml");
  }

  @Override
  public int run(OptionSet options, Console console) throws Exception {
    DaemonConfig daemon = composition.daemonConfig(Path.of(options.valueOf(config)));
    GitSettings git =
        daemon
            .git()
            .filter(GitSettings::ssh)
            .orElseThrow(
                () ->
                    new UsageException(
                        "deploy keys are for SSH Git remotes: set git: {url: ssh://..., sshKey:"
                            + " ..., knownHosts: ...} in "
                            + daemon.file()));
    DeployKey.Result key =
        DeployKey.ensure(git.sshKey().orElseThrow(), "stow@" + HostName.current());
    console
        .err()
        .println(
            (key.created() ? "made " : "using the existing ")
                + key.privateKey()
                + " (private, 0400) and its public key "
                + key.privateKey()
                + ".pub");
    console.out().println(key.publicKeyLine());
    console
        .err()
        .println(
            "Add this public key to "
                + git.redactedUrl()
                + " as a read-only deploy key (GitHub: Settings > Deploy keys, leave \"Allow write"
                + " access\" unchecked; GitLab: Settings > Repository > Deploy keys; Gitea/Forgejo:"
                + " Settings > Deploy Keys, read-only; a bare SSH remote: the git user's"
                + " authorized_keys). Pin the server's host key in "
                + git.knownHosts().orElseThrow()
                + " (ssh-keyscan, checked against the server's fingerprint).");
    return StowCli.OK;
  }
}
