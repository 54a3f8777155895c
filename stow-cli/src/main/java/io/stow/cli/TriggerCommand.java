package io.stow.cli;

import io.stow.cli.trigger.Backoff;
import io.stow.cli.trigger.CertificateTrust;
import io.stow.cli.trigger.DaemonClient;
import io.stow.cli.trigger.DaemonEndpoint;
import io.stow.cli.trigger.HeadHash;
import io.stow.cli.trigger.StatusWatcher;
import io.stow.cli.trigger.Timing;
import io.stow.cli.trigger.TriggerException;
import io.stow.model.Durations;
import io.stow.model.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow trigger --url URL --head-hash H [--token-file F] [--wait] [--timeout 10m] [--cacert
 * F]}: asks a stow daemon to reconcile, as the deployment repository's pipeline does after a merge;
 * with {@code --wait}, follows the status of that commit until the host runs it (exit 0), its
 * reconcile fails or deploys something else (exit 1, with the daemon's reason), or the timeout.
 */
final class TriggerCommand implements Command {

  /** The default {@code --timeout}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final CliComposition composition;
  private OptionSpec<String> url;
  private OptionSpec<String> headHash;
  private OptionSpec<String> tokenFile;
  private OptionSpec<Void> await;
  private OptionSpec<String> timeout;
  private OptionSpec<String> cacert;
  private OptionSpec<Integer> attempts;

  TriggerCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "trigger";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "ask a stow daemon to deploy the branch head; --wait follows it until the host runs it";
  }

  @Override
  public void declare(OptionParser parser) {
    url =
        parser
            .accepts("url", "the daemon's base URL (deployment.daemonBaseUrl)")
            .withRequiredArg()
            .describedAs("URL")
            .required();
    headHash =
        parser
            .accepts("head-hash", "the merged commit ($CI_COMMIT_SHA), to follow its status")
            .withRequiredArg()
            .describedAs("H")
            .required();
    tokenFile =
        parser
            .accepts(
                "token-file", "a file holding the daemon's triggerToken (sent as a bearer token)")
            .withRequiredArg()
            .describedAs("F");
    await = parser.accepts("wait", "follow the status until the host runs the commit, or fails");
    timeout =
        parser
            .accepts("timeout", "with --wait: how long to wait for the host at most")
            .withRequiredArg()
            .describedAs("DURATION")
            .defaultsTo(Durations.format(DEFAULT_TIMEOUT));
    cacert =
        parser
            .accepts(
                "cacert",
                "also trust the CA certificates of this PEM file, beside the Java runtime's"
                    + " (default: $STOW_CACERT)")
            .withRequiredArg()
            .describedAs("F");
    attempts =
        parser
            .accepts("attempts", "how often to send the trigger when the daemon is unreachable")
            .withRequiredArg()
            .ofType(Integer.class)
            .describedAs("N")
            .defaultsTo(Backoff.DEFAULT.attempts());
  }

  @Override
  public int run(OptionSet options, Console console) {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    DaemonEndpoint endpoint = usage(() -> DaemonEndpoint.parse(options.valueOf(url)));
    HeadHash head = usage(() -> HeadHash.parse(options.valueOf(headHash)));
    Duration limit = usage(() -> Durations.parse(options.valueOf(timeout)));
    int tries = options.valueOf(attempts);
    if (tries < 1 || tries > 20) {
      throw new UsageException("--attempts must be between 1 and 20");
    }
    Optional<Secret> token =
        options.has(tokenFile)
            ? Optional.of(token(Path.of(options.valueOf(tokenFile))))
            : Optional.empty();
    CertificateTrust trust = trust(options);

    Timing timing = composition.timing();
    Instant start = timing.clock().instant();
    DaemonClient client =
        composition.daemonClient(
            endpoint,
            token,
            trust,
            Backoff.DEFAULT.withAttempts(tries),
            note -> console.err().println("stow trigger: " + note));
    int status = client.trigger(head);
    console.out().printf("triggered %s on %s (%d)%n", head.abbreviated(), endpoint, status);
    if (!options.has(await)) {
      return StowCli.OK;
    }
    console
        .out()
        .printf(
            "waiting up to %s for the host to run %s%n",
            Durations.format(limit), head.abbreviated());
    StatusWatcher.Outcome outcome =
        new StatusWatcher(client, timing, console.out()::println)
            .await(head, start, start.plus(limit));
    if (outcome.running()) {
      console.out().println(outcome.message());
      return StowCli.OK;
    }
    console.err().println("error: " + outcome.message());
    return StowCli.FAILED;
  }

  private CertificateTrust trust(OptionSet options) {
    if (options.has(cacert)) {
      return CertificateTrust.caFile(Path.of(options.valueOf(cacert)), "--cacert");
    }
    return Optional.ofNullable(composition.environment().get("STOW_CACERT"))
        .filter(v -> !v.isBlank())
        .map(f -> CertificateTrust.caFile(Path.of(f), "STOW_CACERT"))
        .orElseGet(CertificateTrust::system);
  }

  /** The token file's content without surrounding blanks; it is never printed. */
  private static Secret token(Path file) {
    String value;
    try {
      value = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new TriggerException("the token file " + file + " does not exist", false);
    } catch (IOException e) {
      throw new TriggerException(
          "cannot read the token file " + file + ": " + e.getClass().getSimpleName(), false);
    }
    if (value.isEmpty() || value.lines().count() > 1) {
      throw new TriggerException(
          "the token file " + file + " must hold the token alone, on one line", false);
    }
    return Secret.of(value);
  }

  private static <T> T usage(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
