package io.stow.cli;

import io.stow.hash.DeploymentHasher;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code stow hash DIR [--secret PATH]...}: prints the four deployment hashes as JSON. */
final class HashCommand implements Command {

  private OptionSpec<String> secret;

  @Override
  public String name() {
    return "hash";
  }

  @Override
  public String arguments() {
    return "DIR";
  }

  @Override
  public String summary() {
    return "print the manifest, config, secrets and deployment hashes of DIR as JSON";
  }

  @Override
  public void declare(OptionParser parser) {
    secret =
        parser
            .accepts("secret", "relative path of a (decrypted) secret file; repeatable")
            .withRequiredArg()
            .describedAs("PATH");
  }

  @Override
  public int run(OptionSet options, Console console) throws Exception {
    Path dir = Arguments.singleDirectory(options);
    Set<String> secrets = new LinkedHashSet<>();
    for (String path : options.valuesOf(secret)) {
      String relative = path.replace('\\', '/');
      while (relative.startsWith("./")) {
        relative = relative.substring(2);
      }
      if (relative.startsWith("/") || relative.isEmpty()) {
        throw new UsageException("--secret takes a path relative to DIR, got '" + path + "'");
      }
      secrets.add(relative);
    }
    console.out().println(DeploymentHasher.hash(dir, secrets).toJson());
    return StowCli.OK;
  }
}
