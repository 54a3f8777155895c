package io.stow.gitlab;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link GitLabClient}. Base URL, token and project are required; {@link #build()} names
 * every missing one at once. Clock, sleeper and jitter are injectable so tests never sleep.
 */
public final class GitLabClientBuilder {

  private static final Pattern PROJECT_PATH =
      Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+");

  private String baseUrl;
  private GitLabToken token;
  private String project;
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;
  private DoubleSupplier jitter = new SecureRandom()::nextDouble;
  private Consumer<String> retryNotes = note -> {};
  private int archiveLimit = 5;
  private Duration archiveWindow = Duration.ofMinutes(1);
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(60);
  private GitLabTrust trust;

  GitLabClientBuilder() {}

  /**
   * The GitLab URL, e.g. {@code https://git.example.com} or {@code CI_API_V4_URL}; {@code /api/v4}
   * is appended when missing.
   */
  public GitLabClientBuilder baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
    return this;
  }

  public GitLabClientBuilder token(GitLabToken token) {
    this.token = token;
    return this;
  }

  /** The project: its numeric id, or {@code namespace/path}. */
  public GitLabClientBuilder project(String project) {
    this.project = project;
    return this;
  }

  public GitLabClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  public GitLabClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public GitLabClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Source of the backoff's full jitter, in [0, 1). */
  public GitLabClientBuilder jitter(DoubleSupplier jitter) {
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    return this;
  }

  /** Told, in one line without secrets, about every retry and why. */
  public GitLabClientBuilder retryNotes(Consumer<String> retryNotes) {
    this.retryNotes = Objects.requireNonNull(retryNotes, "retryNotes");
    return this;
  }

  /** At most {@code limit} archive downloads per {@code window}; 5 a minute by default. */
  public GitLabClientBuilder archiveRateLimit(int limit, Duration window) {
    this.archiveLimit = limit;
    this.archiveWindow = Objects.requireNonNull(window, "window");
    return this;
  }

  public GitLabClientBuilder timeouts(Duration connect, Duration read) {
    this.connectTimeout = Objects.requireNonNull(connect, "connect");
    this.readTimeout = Objects.requireNonNull(read, "read");
    return this;
  }

  /**
   * Which server certificates to accept: by default the Java runtime's CAs only ({@link
   * GitLabTrust#javaRuntime()}); a GitLab with a private CA needs {@link GitLabTrust#of} with that
   * CA's certificate.
   */
  public GitLabClientBuilder trust(GitLabTrust trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
    return this;
  }

  public GitLabClient build() {
    List<String> missing = new ArrayList<>();
    if (baseUrl == null || baseUrl.isBlank()) {
      missing.add("baseUrl (the GitLab API URL, e.g. CI_API_V4_URL)");
    }
    if (token == null) {
      missing.add("token");
    }
    if (project == null || project.isBlank()) {
      missing.add("project (numeric id or namespace/path)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("a GitLab client needs " + String.join(", ", missing));
    }
    HttpUrl api = apiBase(baseUrl);
    String projectRef = projectRef(project);
    GitLabTrust tls = trust == null ? GitLabTrust.javaRuntime() : trust;
    OkHttpClient http =
        new OkHttpClient.Builder()
            // OkHttp's host name verifier stays: only the set of trusted CAs changes
            .sslSocketFactory(tls.socketFactory(), tls.trustManager())
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            // retries are ours: OkHttp would silently resend POSTs on a stale connection
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    Transport transport =
        new Transport(http, token, retryPolicy, clock, sleeper, jitter, retryNotes, tls);
    return new GitLabClient(
        api,
        projectRef,
        transport,
        Optional.of(new ArchiveThrottle(archiveLimit, archiveWindow, clock, sleeper)),
        http);
  }

  /** {@code https://host[/prefix]/api/v4}, whatever trailing slashes were given. */
  static HttpUrl apiBase(String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          "GitLab URL '"
              + baseUrl.strip()
              + "' is not an http(s) URL; e.g. https://git.example.com/api/v4");
    }
    if (url.querySize() > 0 || url.fragment() != null || !url.username().isEmpty()) {
      throw new IllegalArgumentException(
          "GitLab URL must not carry a query, fragment or credentials; pass the token separately");
    }
    List<String> segments = new ArrayList<>(url.pathSegments());
    segments.removeIf(String::isEmpty);
    int n = segments.size();
    if (!(n >= 2 && segments.get(n - 2).equals("api") && segments.get(n - 1).equals("v4"))) {
      segments.add("api");
      segments.add("v4");
    }
    HttpUrl.Builder builder = url.newBuilder().encodedPath("/");
    segments.forEach(builder::addPathSegment);
    return builder.build();
  }

  private static String projectRef(String project) {
    String value = project.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      return value;
    }
    if (!PROJECT_PATH.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "project '"
              + value
              + "' is neither a numeric id nor a namespace/path such as ops/deployments");
    }
    return value;
  }
}
