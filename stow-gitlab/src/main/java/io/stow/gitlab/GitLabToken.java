package io.stow.gitlab;

import java.util.Objects;

/**
 * A credential for the GitLab API and the header it travels in. Its {@link #toString()} never shows
 * the value, so a token can be logged, put in a record or an exception message without leaking.
 */
public final class GitLabToken {

  /** Which kind of token, and so which request header carries it. */
  public enum Kind {
    /** A personal, project or group access token: header {@code PRIVATE-TOKEN}. */
    ACCESS_TOKEN("PRIVATE-TOKEN"),
    /** A CI job's {@code CI_JOB_TOKEN}: header {@code JOB-TOKEN}. */
    JOB_TOKEN("JOB-TOKEN");

    private final String header;

    Kind(String header) {
      this.header = header;
    }

    /** The request header that carries this kind of token. */
    public String header() {
      return header;
    }
  }

  private final Kind kind;
  private final String value;

  private GitLabToken(Kind kind, String value) {
    this.kind = Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a GitLab token must not be blank");
    }
    if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          "a GitLab token holds printable ASCII only; check the variable that holds it");
    }
    this.value = value;
  }

  /** A personal, project or group access token (sent as {@code PRIVATE-TOKEN}). */
  public static GitLabToken accessToken(String value) {
    return new GitLabToken(Kind.ACCESS_TOKEN, value);
  }

  /** A CI job token (sent as {@code JOB-TOKEN}); it can read, but not create commits or MRs. */
  public static GitLabToken jobToken(String value) {
    return new GitLabToken(Kind.JOB_TOKEN, value);
  }

  public Kind kind() {
    return kind;
  }

  /** The secret itself; only the HTTP layer reads it. */
  String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GitLabToken other && other.kind == kind && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value);
  }

  @Override
  public String toString() {
    return "GitLabToken[" + kind + ", redacted]";
  }
}
