package io.stow.it.gitlab;

import io.undertow.Undertow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * An in-process GitLab for tests: Undertow on {@code 127.0.0.1:0} serving the REST v4 endpoints
 * stow uses (project, branches, commits, archives, files, commits with actions, merge requests,
 * users) over real bare Git repositories, with GitLab's documented status codes and JSON bodies.
 *
 * <pre>{@code
 * try (FakeGitLab gitlab = FakeGitLab.start()) {
 *   gitlab.user(7, "ci-bot").accessToken("glpat-SENTINEL", "ci-bot", true);
 *   FakeProject deploy = gitlab.createProject("ops/deployments").member("ci-bot");
 *   deploy.commit("main", "seed", Map.of("host/stow.yaml", yaml));
 *   gitlab.inject(Route.ARCHIVE, 1, Fault.tooManyRequests(1));
 *   ... point the code under test at gitlab.apiUrl() ...
 *   assertThat(gitlab.writes()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Access: a request without a known {@code PRIVATE-TOKEN}/{@code JOB-TOKEN} gets 401; a token
 * whose user is not a member of the project gets 404 for it; a token without the {@code api} scope,
 * or a job token, gets 403 on any write. Every request is recorded (token headers redacted); {@link
 * #inject} makes the next N requests of a route fail or stall.
 */
public final class FakeGitLab implements AutoCloseable {

  /** A user: id, username, GitLab state ({@code active}, {@code blocked}). */
  record FakeUser(long id, String username, String state) {}

  /** A token: whose it is, and whether it may write ({@code api} scope, not a job token). */
  record FakeToken(Optional<Long> userId, boolean canWrite, boolean job) {}

  private final Path dir;
  private final Map<String, FakeProject> projects = new LinkedHashMap<>();
  private final Map<Long, FakeUser> users = new LinkedHashMap<>();
  private final Map<String, FakeToken> tokens = new LinkedHashMap<>();
  private final Map<Route, Deque<Fault>> faults = new EnumMap<>(Route.class);
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Undertow server;
  private final String scheme;
  private final int port;
  private long nextProjectId = 1000;
  private long nextMergeRequestId = 5000;

  private FakeGitLab(Path dir, Optional<SSLContext> tls) {
    this.dir = dir;
    Undertow.Builder builder = Undertow.builder();
    if (tls.isPresent()) {
      builder.addHttpsListener(0, "127.0.0.1", tls.get());
    } else {
      builder.addHttpListener(0, "127.0.0.1");
    }
    this.server = builder.setHandler(new FakeGitLabHandler(this)).build();
    this.scheme = tls.isPresent() ? "https" : "http";
    server.start();
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Starts a fake with no users, tokens or projects, its repositories in a temp directory. */
  public static FakeGitLab start() {
    return start(Optional.empty());
  }

  /** The same over HTTPS, presenting the certificate of {@code tls} (a server context). */
  public static FakeGitLab startTls(SSLContext tls) {
    return start(Optional.of(tls));
  }

  private static FakeGitLab start(Optional<SSLContext> tls) {
    try {
      return new FakeGitLab(Files.createTempDirectory("stow-fake-gitlab-"), tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>/api/v4}, what {@code CI_API_V4_URL} holds. */
  public String apiUrl() {
    return baseUrl() + "/api/v4";
  }

  /** {@code http://127.0.0.1:<port>} (https when started with TLS). */
  public String baseUrl() {
    return scheme + "://127.0.0.1:" + port;
  }

  /** Adds an active user. */
  public synchronized FakeGitLab user(long id, String username) {
    users.put(id, new FakeUser(id, username, "active"));
    return this;
  }

  /** Blocks a user: GitLab still lists it, with {@code state: blocked}. */
  public synchronized FakeGitLab block(String username) {
    long id = userId(username);
    users.put(id, new FakeUser(id, username, "blocked"));
    return this;
  }

  /** A personal/project access token of {@code username}; {@code api} false means read_api. */
  public synchronized FakeGitLab accessToken(String token, String username, boolean api) {
    tokens.put(token, new FakeToken(Optional.of(userId(username)), api, false));
    return this;
  }

  /** A CI job token: reads every project, writes nothing (403). */
  public synchronized FakeGitLab jobToken(String token) {
    tokens.put(token, new FakeToken(Optional.empty(), false, true));
    return this;
  }

  /** A project with an empty repository whose default branch is {@code main}. */
  public synchronized FakeProject createProject(String pathWithNamespace) {
    long id = nextProjectId++;
    Path repoDir = dir.resolve(id + ".git");
    FakeProject project =
        new FakeProject(this, id, pathWithNamespace, "main", new GitRepo(repoDir, "main"));
    projects.put(pathWithNamespace, project);
    return project;
  }

  /**
   * The next {@code times} requests of {@code route} get {@code fault} instead of (or, for a pure
   * delay, before) their real answer.
   */
  public synchronized void inject(Route route, int times, Fault fault) {
    Deque<Fault> queue = faults.computeIfAbsent(route, r -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(fault);
    }
  }

  /** Forgets every injected fault not yet used: GitLab answers normally again. */
  public synchronized void clearFaults() {
    faults.clear();
  }

  /** Every request so far, in arrival order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests that could have changed something (POST, PUT, DELETE...). */
  public synchronized List<RecordedRequest> writes() {
    return requests.stream().filter(RecordedRequest::write).toList();
  }

  /** The requests of one route. */
  public synchronized List<RecordedRequest> requests(Route route) {
    return requests.stream().filter(r -> r.route() == route).toList();
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop();
    synchronized (this) {
      projects.values().forEach(p -> p.repo().close());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  // ---- used by the handler, under this object's lock ----

  synchronized long userId(String username) {
    return users.values().stream()
        .filter(u -> u.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no user " + username))
        .id();
  }

  synchronized Optional<FakeUser> userById(long id) {
    return Optional.ofNullable(users.get(id));
  }

  synchronized Optional<FakeUser> userByName(String username) {
    return users.values().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
  }

  synchronized Optional<FakeToken> token(String value) {
    return Optional.ofNullable(tokens.get(value));
  }

  synchronized Optional<FakeProject> project(String idOrPath) {
    return projects.values().stream()
        .filter(p -> Long.toString(p.id()).equals(idOrPath) || p.path().equals(idOrPath))
        .findFirst();
  }

  synchronized Optional<Fault> takeFault(Route route) {
    Deque<Fault> queue = faults.get(route);
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
  }

  synchronized void record(RecordedRequest request) {
    requests.add(request);
  }

  synchronized long nextMergeRequestId() {
    return nextMergeRequestId++;
  }
}
