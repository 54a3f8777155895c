package io.stow.daemon.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.ParameterLimitException;
import io.undertow.util.URLUtils;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of what the daemon reads from a request: the query parameters {@code
 * head_hash} (status, trigger) and {@code git_hash} (badge) as Undertow decodes them, and a push
 * webhook body (GitLab's JSON, GitHub's form) with the commit in its {@code after}. Each ends in a
 * value or a {@link BadRequest} with a 4xx status, nothing else, and no reason quotes what the
 * client sent.
 *
 * <p>An input is the raw query string, a newline, then the body; inputs kept in {@code
 * RequestParsingFuzzTestInputs/parse/} read as such.
 */
class RequestParsingFuzzTest {

  /** Replaces {@code TOKEN} in inputs: a value that must never be echoed in a reason. */
  private static final String SENTINEL = "F0ZZSENTINEL0ec7";

  /** The daemon's limit ({@link HttpLimits#maxParameters()}); Undertow refuses more with 400. */
  private static final int MAX_PARAMETERS = HttpLimits.defaults().maxParameters();

  @FuzzTest(maxDuration = "6s")
  void parse(byte[] input) {
    int newline = indexOf(input, (byte) '\n');
    String query =
        new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8)
            .replace("TOKEN", SENTINEL);
    byte[] body =
        newline < 0
            ? new byte[0]
            : new String(
                    Arrays.copyOfRange(input, newline + 1, input.length), StandardCharsets.UTF_8)
                .replace("TOKEN", SENTINEL)
                .getBytes(StandardCharsets.UTF_8);
    query(query);
    body(body);
  }

  private static void query(String query) {
    HttpServerExchange exchange = new HttpServerExchange(null);
    try {
      URLUtils.parseQueryString(query, exchange, "UTF-8", true, MAX_PARAMETERS);
    } catch (ParameterLimitException | IllegalArgumentException refusedByUndertow) {
      // too many parameters or a broken %-escape: Undertow answers 400 before any handler runs
      return;
    }
    try {
      Commits.query(exchange, "head_hash").ifPresent(RequestParsingFuzzTest::isCommit);
    } catch (BadRequest e) {
      check(e);
    }
    try {
      isCommit(Commits.required(exchange, "git_hash"));
    } catch (BadRequest e) {
      check(e);
    }
  }

  /** The body as GitLab sends it (JSON), and as GitHub's form ({@code payload=<JSON>}). */
  private static void body(byte[] body) {
    HeaderMap gitlab = new HeaderMap().put(Headers.CONTENT_TYPE, "application/json");
    HeaderMap githubForm =
        new HeaderMap()
            .put(Headers.CONTENT_TYPE, "application/x-www-form-urlencoded")
            .put(new HttpString("X-GitHub-Event"), "push");
    for (HeaderMap headers : List.of(gitlab, githubForm)) {
      try {
        PushEvent event = PushEvent.read(headers, body);
        event.isPush();
        event.isPing();
        event.isBranch("main");
        event.deletesBranch();
        isCommit(Commits.parse("after", event.after()));
      } catch (BadRequest e) {
        check(e);
      }
    }
  }

  private static void isCommit(String commit) {
    if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new IllegalStateException("accepted a commit that is not lower-case hex: " + commit);
    }
  }

  private static void check(BadRequest e) {
    if (e.status() < 400 || e.status() > 499 || e.getMessage() == null) {
      throw new IllegalStateException("a bad request without a 4xx status and a reason", e);
    }
    if (e.getMessage().contains(SENTINEL)) {
      throw new IllegalStateException("a reason quotes what the client sent: " + e.getMessage());
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
