package io.stow.cli;

import io.stow.engine.suggest.AssignAttempt;
import io.stow.engine.suggest.GitChangelog;
import io.stow.engine.suggest.SuggestImage;
import io.stow.engine.suggest.SuggestImageReport;
import io.stow.engine.suggest.SuggestImageRequest;
import io.stow.engine.suggest.SuggestListener;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.GitLabTrust;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow suggest-image}: run from an application's CI, proposes a new image for one container
 * of a deployment as a GitLab merge request. GitLab comes from {@code CI_API_V4_URL} and {@code
 * GITLAB_ACCESS_TOKEN}; a job token alone is refused before any request. A GitLab with a private CA
 * is trusted with {@code --gitlab-ca-cert FILE}, else with the runner's {@code
 * CI_SERVER_TLS_CA_FILE}, beside the Java runtime's CAs.
 */
final class SuggestImageCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> project;
  private OptionSpec<String> subfolder;
  private OptionSpec<String> container;
  private OptionSpec<String> image;
  private OptionSpec<String> digest;
  private OptionSpec<String> assign;
  private OptionSpec<String> changelogFile;
  private OptionSpec<Void> allowDowngrade;
  private OptionSpec<Void> dryRun;
  private final GitLabCaCertOption gitlabCaCert;

  SuggestImageCommand(CliComposition composition) {
    this.composition = composition;
    this.gitlabCaCert = new GitLabCaCertOption(composition);
  }

  @Override
  public String name() {
    return "suggest-image";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "propose a new image for a container as a GitLab merge request (from CI)";
  }

  @Override
  public void declare(OptionParser parser) {
    project = required(parser, "project", "the deployment project: namespace/path or id", "P");
    subfolder =
        required(
            parser, "subfolder", "the host's folder holding stow.yaml or a Compose file", "DIR");
    container = required(parser, "container", "the container whose image changes", "NAME");
    image = required(parser, "image", "the new image as repo:tag (no digest)", "REPO:TAG");
    digest =
        parser
            .accepts(
                "digest",
                "sha256:<64 hex> of the pushed image; default: asked from"
                    + " the local Docker engine's RepoDigests")
            .withRequiredArg()
            .describedAs("DIGEST");
    assign =
        parser
            .accepts(
                "assign",
                "assignee attempts in order, comma-separated, repeatable:"
                    + " gitlab_user_id, id:<n>, user:<name>")
            .withRequiredArg()
            .describedAs("LIST");
    changelogFile =
        parser
            .accepts(
                "changelog-file",
                "add the lines added to F between the old"
                    + " and the new tag (git diff in this checkout)")
            .withRequiredArg()
            .describedAs("F");
    allowDowngrade =
        parser.accepts("allow-downgrade", "propose a numeric tag lower than the" + " current one");
    dryRun = parser.accepts("dry-run", "print the diff, title and description; write nothing");
    gitlabCaCert.declare(parser);
  }

  private static OptionSpec<String> required(
      OptionParser parser, String name, String help, String arg) {
    return parser.accepts(name, help + " (required)").withRequiredArg().describedAs(arg);
  }

  @Override
  public int run(OptionSet options, Console console) {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    List<String> missing = new ArrayList<>();
    for (OptionSpec<String> spec : List.of(project, subfolder, container, image)) {
      if (!options.has(spec)) {
        missing.add("--" + spec.options().get(0));
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException(String.join(", ", missing) + " required");
    }
    Map<String, String> env = composition.environment();
    SuggestImageRequest request = request(options, env);
    String api = env.getOrDefault("CI_API_V4_URL", "").strip();
    if (api.isEmpty()) {
      console
          .err()
          .println(
              "error: CI_API_V4_URL is not set; run suggest-image in GitLab CI or"
                  + " export CI_API_V4_URL=https://<gitlab>/api/v4");
      return StowCli.FAILED;
    }
    Optional<GitLabToken> token = token(env, console);
    if (token.isEmpty()) {
      return StowCli.FAILED;
    }
    Optional<GitLabTrust> trust = gitlabCaCert.trust(options, env, console);
    if (trust.isEmpty()) {
      return StowCli.FAILED;
    }
    SuggestListener listener =
        new SuggestListener() {
          @Override
          public void info(String line) {
            console.err().println(line);
          }

          @Override
          public void warning(String line) {
            console.err().println("warning: " + line);
          }
        };
    GitLabApi gitlab =
        composition.gitLab(api, token.get(), request.project(), trust.get(), listener::info);
    SuggestImage suggest =
        new SuggestImage(
            gitlab,
            tagged -> composition.docker().repoDigest(tagged),
            new GitChangelog(composition.workingDirectory()),
            listener);
    print(suggest.run(request), console);
    return StowCli.OK;
  }

  private SuggestImageRequest request(OptionSet options, Map<String, String> env) {
    try {
      List<AssignAttempt> attempts = new ArrayList<>();
      options.valuesOf(assign).forEach(list -> attempts.addAll(AssignAttempt.parseList(list)));
      return new SuggestImageRequest(
          options.valueOf(project),
          options.valueOf(subfolder),
          options.valueOf(container),
          options.valueOf(image),
          Optional.ofNullable(options.valueOf(digest)),
          attempts,
          Optional.ofNullable(env.get("GITLAB_USER_ID")),
          Optional.ofNullable(options.valueOf(changelogFile)).map(Path::of),
          options.has(allowDowngrade),
          options.has(dryRun));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Optional<GitLabToken> token(Map<String, String> env, Console console) {
    String access = env.getOrDefault("GITLAB_ACCESS_TOKEN", "").strip();
    if (!access.isEmpty()) {
      return Optional.of(GitLabToken.accessToken(access));
    }
    if (!env.getOrDefault("CI_JOB_TOKEN", "").isBlank()) {
      console
          .err()
          .println(
              "error: only CI_JOB_TOKEN is set, and job tokens cannot create"
                  + " commits, branches or merge requests; set GITLAB_ACCESS_TOKEN to a project access"
                  + " token of the deployment project with the api scope and at least the Developer role");
    } else {
      console
          .err()
          .println(
              "error: GITLAB_ACCESS_TOKEN is not set; set it to a project access"
                  + " token of the deployment project with the api scope and at least the Developer role");
    }
    return Optional.empty();
  }

  private static void print(SuggestImageReport report, Console console) {
    switch (report.outcome()) {
      case UP_TO_DATE ->
          console
              .out()
              .println(
                  "already up to date: "
                      + report.newImage()
                      + " is on the default branch; nothing"
                      + " written");
      case ALREADY_PROPOSED ->
          console
              .out()
              .println(
                  "already up to date: "
                      + report.mergeRequestUrl().orElse("")
                      + " proposes "
                      + report.newImage()
                      + "; nothing written");
      case CREATED, UPDATED -> {
        console
            .out()
            .println(
                (report.outcome() == SuggestImageReport.Outcome.CREATED ? "created" : "updated")
                    + " merge request "
                    + report.mergeRequestUrl().orElse(""));
        console
            .out()
            .println(
                "  branch "
                    + report.branch()
                    + " at "
                    + report.commit().orElse("")
                    + ": "
                    + report.previousImage()
                    + " -> "
                    + report.newImage());
        report.assignee().ifPresent(id -> console.out().println("  assigned to user " + id));
      }
      case DRY_RUN -> {
        console.out().print(report.diff());
        console.out().println();
        console.out().println("title: " + report.title());
        console.out().println("description:");
        console.out().println(report.description());
        console.out().println();
        console
            .out()
            .println(
                "dry run: nothing written; would "
                    + report
                        .mergeRequestUrl()
                        .map(u -> "update " + u)
                        .orElse("create a merge request from " + report.branch()));
      }
      default -> throw new IllegalStateException("unknown outcome " + report.outcome());
    }
  }
}
