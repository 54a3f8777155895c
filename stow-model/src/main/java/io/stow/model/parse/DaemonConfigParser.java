package io.stow.model.parse;

import io.stow.model.config.CaCertificates;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.DaemonConfig.GitLabSettings;
import io.stow.model.config.DaemonConfig.GitSettings;
import io.stow.model.config.ListenAddress;
import io.stow.model.config.Notifications;
import io.stow.model.config.Secret;
import io.stow.model.parse.Binding.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses a daemon configuration file like stow.yaml: every problem at once with its key and {@code
 * file:line:col}, unknown keys named (with a likely typo pointed out). Values are never quoted in
 * problems, so a token written in the wrong place does not end up in a message.
 */
public final class DaemonConfigParser {

  /** The largest configuration file accepted. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Set<String> KEYS =
      Set.of(
          "gitlabBase",
          "project",
          "gitlabToken",
          "subfolder",
          "keys",
          "sopsBinary",
          "listen",
          "tlsCrt",
          "tlsKey",
          "branch",
          "pgpKeys",
          "stateDir",
          "pollInterval",
          "triggerToken",
          "git",
          "composeProfiles",
          "notify",
          "commitStatus",
          GitLabCaBinder.KEY);

  private static final Set<String> GIT_KEYS = Set.of("url", "branch", "sshKey", "knownHosts");

  private static final Set<String> GITLAB_ONLY = Set.of("gitlabBase", "project", "gitlabToken");

  private DaemonConfigParser() {}

  /**
   * Reads and validates the file.
   *
   * @param hostName the default {@code subfolder}
   * @throws DescriptorException listing every problem found
   */
  public static DaemonConfig parse(Path file, Supplier<String> hostName) {
    Path absolute = file.toAbsolutePath().normalize();
    String name = absolute.toString();
    byte[] content;
    try (InputStream in = Files.newInputStream(absolute, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file; write the daemon configuration there (see the README)");
    } catch (AccessDeniedException e) {
      throw single(name, "cannot read: permission denied; run stow as root (the file is 0400)");
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getMessage());
    }
    return parse(absolute, content, hostName);
  }

  /** Parses configuration bytes; {@code file} names them and anchors relative paths. */
  public static DaemonConfig parse(Path file, byte[] content, Supplier<String> hostName) {
    String name = file.toString();
    if (content.length > MAX_BYTES) {
      throw single(name, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    Findings findings = new Findings(name);
    YamlNode root = YamlTreeReader.read(name, text, findings.errors);
    DaemonConfig config = root == null ? null : bind(file, findings, root, hostName);
    if (!findings.errors.isEmpty() || config == null) {
      if (findings.errors.isEmpty()) {
        findings.errors.add(new Problem(name, "", 0, 0, "invalid configuration"));
      }
      // the file holds tokens: no message may echo it, beyond the configuration's own key names
      Set<String> keyNames = new java.util.HashSet<>(KEYS);
      keyNames.addAll(GIT_KEYS);
      keyNames.addAll(NotifyBinder.words());
      EchoFilter echo = new EchoFilter(text, keyNames);
      throw new DescriptorException(findings.errors.stream().map(echo::filter).toList());
    }
    return config;
  }

  private static DaemonConfig bind(
      Path file, Findings findings, YamlNode root, Supplier<String> hostName) {
    Optional<Binding> document = Binding.of(findings, root, "", KEYS, Unknown.ERROR);
    if (document.isEmpty()) {
      return null;
    }
    Binding c = document.get();
    Path base = file.getParent();
    boolean gitlabGiven = GITLAB_ONLY.stream().anyMatch(c::has);
    Optional<GitLabSettings> gitlab = Optional.empty();
    Optional<GitSettings> git = Optional.empty();
    if (c.has("git") && gitlabGiven) {
      c.problem("git", "a host has one source: remove git, or gitlabBase, project and gitlabToken");
    } else if (c.has("git")) {
      git = git(c, base);
    } else if (gitlabGiven) {
      gitlab = gitlab(c);
    } else {
      c.problem(
          "a source is required: gitlabBase, project and gitlabToken for GitLab, or git: {url:"
              + " ...} for any Git remote");
    }
    String subfolder =
        c.string("subfolder").map(String::strip).filter(s -> !s.isEmpty()).orElseGet(hostName);
    if (subfolder.startsWith("/") || subfolder.contains("..") || subfolder.isEmpty()) {
      c.problem("subfolder", "must be a folder of the repository, relative to its root");
    }
    ListenAddress listen =
        c.string("listen")
            .flatMap(v -> c.parse("listen", v, ListenAddress::parse))
            .orElse(ListenAddress.DEFAULT);
    Optional<Path> tlsCrt = path(c, base, "tlsCrt");
    Optional<Path> tlsKey = path(c, base, "tlsKey");
    if (tlsCrt.isPresent() != tlsKey.isPresent()) {
      c.problem(
          tlsCrt.isPresent() ? "tlsCrt" : "tlsKey",
          "tlsCrt and tlsKey go together: set both for HTTPS, or neither for plain HTTP on a"
              + " loopback address behind a TLS proxy");
    }
    Duration poll = c.duration("pollInterval").orElse(DaemonConfig.DEFAULT_POLL_INTERVAL);
    if (poll.compareTo(Duration.ofSeconds(10)) < 0) {
      c.problem("pollInterval", "must be at least 10s");
    }
    Optional<String> triggerToken = c.string("triggerToken").map(String::strip);
    triggerToken
        .filter(t -> t.length() < 16)
        .ifPresent(t -> c.problem("triggerToken", "must be at least 16 characters long"));
    Notifications notifications = NotifyBinder.bind(c, base);
    Optional<CaCertificates> gitlabCaCert = GitLabCaBinder.bind(c, base, gitlab, git);
    if (!findings.errors.isEmpty() || gitlab.isEmpty() == git.isEmpty()) {
      return null;
    }
    return new DaemonConfig(
        file,
        gitlab,
        git,
        subfolder,
        path(c, base, "keys"),
        paths(c, base, "pgpKeys"),
        path(c, base, "sopsBinary"),
        listen,
        tlsCrt,
        tlsKey,
        path(c, base, "stateDir"),
        poll,
        triggerToken.map(Secret::of),
        composeProfiles(c),
        notifications,
        gitlabCaCert);
  }

  private static Optional<GitLabSettings> gitlab(Binding c) {
    Optional<String> apiBase = c.requiredString("gitlabBase").flatMap(v -> apiBase(c, v));
    Optional<String> project = c.requiredString("project").map(String::strip);
    project
        .filter(p -> p.isEmpty() || p.startsWith("/") || p.endsWith("/"))
        .ifPresent(p -> c.problem("project", "must be a numeric id or group/path"));
    Optional<String> token = c.requiredString("gitlabToken").map(String::strip);
    token.filter(String::isEmpty).ifPresent(t -> c.problem("gitlabToken", "must not be empty"));
    Optional<String> branch = c.string("branch").map(String::strip).filter(b -> !b.isEmpty());
    if (apiBase.isEmpty() || project.isEmpty() || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new GitLabSettings(apiBase.get(), project.get(), Secret.of(token.get()), branch));
  }

  private static Optional<GitSettings> git(Binding c, Path base) {
    if (c.has("branch")) {
      c.problem("branch", "with git, the branch goes under git: {url: ..., branch: ...}");
    }
    Optional<Binding> section = c.nested("git", GIT_KEYS, Unknown.ERROR);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Binding g = section.get();
    Optional<String> url = g.requiredString("url").map(String::strip);
    url.filter(u -> !looksLikeGitUrl(u))
        .ifPresent(
            u ->
                g.problem(
                    "url",
                    "must be ssh://host/path, user@host:path, https://host/path or file:///path"));
    Optional<String> branch = g.string("branch").map(String::strip).filter(b -> !b.isEmpty());
    Optional<Path> sshKey = path(g, base, "sshKey");
    Optional<Path> knownHosts = path(g, base, "knownHosts");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    GitSettings settings = new GitSettings(url.get(), branch, sshKey, knownHosts);
    if (settings.ssh() && (sshKey.isEmpty() || knownHosts.isEmpty())) {
      g.problem(
          "an SSH remote needs sshKey (the deploy key; stow deploy-key --config makes one) and"
              + " knownHosts (the server's host key, e.g. from ssh-keyscan)");
    }
    return Optional.of(settings);
  }

  private static boolean looksLikeGitUrl(String url) {
    return url.matches("(ssh|https?|file)://\\S+") || url.matches("[^/:@\\s]+@[^/:\\s]+:\\S+");
  }

  /** Profile names, as Compose writes them: letters, digits, '_', '.', '-'. */
  private static List<String> composeProfiles(Binding c) {
    List<String> profiles = new ArrayList<>();
    for (Binding.Text entry : c.trimmedList("composeProfiles")) {
      if (!entry.text().matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
        c.problemAt(
            entry.item().node(),
            entry.item().path(),
            "'" + entry.text() + "' is not a profile name (letters, digits, '_', '.', '-')");
      } else if (!profiles.contains(entry.text())) {
        profiles.add(entry.text());
      }
    }
    return profiles;
  }

  /** The API base with {@code /api/v4} appended when missing, without a trailing slash. */
  private static Optional<String> apiBase(Binding c, String value) {
    String url = value.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null) {
        c.problem("gitlabBase", "must be the GitLab API URL, e.g. https://git.example.com/api/v4");
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      c.problem("gitlabBase", "is not a URL; write e.g. https://git.example.com/api/v4");
      return Optional.empty();
    }
    return Optional.of(url.endsWith("/api/v4") ? url : url + "/api/v4");
  }

  private static Optional<Path> path(Binding c, Path base, String key) {
    return c.string(key)
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .map(v -> base.resolve(v).normalize());
  }

  /** One path or a list of them. */
  private static List<Path> paths(Binding c, Path base, String key) {
    List<Path> paths = new ArrayList<>();
    Optional<YamlNode> node = c.node(key);
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return paths;
    }
    if (node.get() instanceof YamlNode.ScalarNode) {
      path(c, base, key).ifPresent(paths::add);
      return paths;
    }
    for (String value : c.stringList(key)) {
      if (!value.isBlank()) {
        paths.add(base.resolve(value.strip()).normalize());
      }
    }
    return paths;
  }

  private static DescriptorException single(String file, String message) {
    return new DescriptorException(List.of(new Problem(file, "", 0, 0, message)));
  }
}
