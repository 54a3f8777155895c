package io.stow.gitlab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends requests with the token and retries the ones that are safe to retry: on 429 (GitLab did not
 * process the request) always, and on 5xx, 408, timeouts and connection errors only when the caller
 * says the request is idempotent; never when TLS fails (the same certificate would be refused
 * again). Waits as GitLab asks ({@code Retry-After} in seconds or as an HTTP date, else {@code
 * RateLimit-Reset} in epoch seconds), else with capped exponential backoff and full jitter, within
 * a bounded number of attempts and total time.
 */
final class Transport {

  /** Turns a successful response into a value. */
  @FunctionalInterface
  interface Handler<T> {
    T handle(Response response) throws IOException;
  }

  /** One request: what to send and how to name it in messages. */
  record Call(String method, okhttp3.HttpUrl url, String display, RequestBody body) {}

  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** How the message of a failed handshake starts. */
  static final String TLS_FAILED = "TLS failed";

  private final OkHttpClient http;
  private final GitLabToken token;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Consumer<String> notes;
  private final GitLabTrust trust;

  Transport(
      OkHttpClient http,
      GitLabToken token,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier jitter,
      Consumer<String> notes,
      GitLabTrust trust) {
    this.http = http;
    this.token = token;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.notes = notes;
    this.trust = trust;
  }

  <T> T send(Call call, boolean idempotent, Handler<T> handler) {
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      GitLabException failure;
      Optional<Duration> asked = Optional.empty();
      boolean retryable;
      try (Response response = http.newCall(request(call)).execute()) {
        if (response.isSuccessful()) {
          return handle(call, response, handler);
        }
        int code = response.code();
        failure =
            new GitLabException(
                call.method(), call.display(), code, redact(errorMessage(response)), null);
        retryable = code == 429 || (idempotent && (code >= 500 || code == 408));
        asked = serverWait(response);
      } catch (InterruptedIOException | ConnectException | UnknownHostException e) {
        failure = new GitLabException(call.method(), call.display(), 0, describe(e), e);
        retryable = idempotent && !(e instanceof UnknownHostException);
      } catch (SSLException e) {
        // the same certificate is refused on every attempt: say so at once
        failure = new GitLabException(call.method(), call.display(), 0, describeTls(call, e), e);
        retryable = false;
      } catch (IOException e) {
        failure = new GitLabException(call.method(), call.display(), 0, describe(e), e);
        retryable = idempotent;
      }
      if (!retryable) {
        throw failure;
      }
      Duration wait =
          asked.isPresent() ? asked.get() : policy.backoff(attempt, jitter.getAsDouble());
      Duration spent = Duration.between(start, clock.instant());
      if (attempt >= policy.maxAttempts() || spent.plus(wait).compareTo(policy.maxTotal()) > 0) {
        throw new GitLabException(
            failure.method(),
            failure.endpoint(),
            failure.status().orElse(0),
            failure.gitLabMessage()
                + " (gave up after "
                + attempt
                + " attempt(s) in "
                + spent.toSeconds()
                + " s)",
            failure.getCause());
      }
      notes.accept(
          failure.method()
              + " "
              + failure.endpoint()
              + ": "
              + (failure.status().isPresent()
                  ? "answered " + failure.status().getAsInt()
                  : failure.gitLabMessage())
              + "; retrying in "
              + wait.toMillis()
              + " ms (attempt "
              + (attempt + 1)
              + " of "
              + policy.maxAttempts()
              + ")");
      pause(call, wait);
    }
  }

  private Request request(Call call) {
    return new Request.Builder()
        .url(call.url())
        .method(call.method(), call.body())
        .header(token.kind().header(), token.value())
        .header("Accept", "application/json")
        .header("User-Agent", "stow")
        .build();
  }

  private <T> T handle(Call call, Response response, Handler<T> handler) {
    try {
      return handler.handle(response);
    } catch (IOException e) {
      throw new GitLabException(
          call.method(), call.display(), 0, "reading the response failed: " + describe(e), e);
    } catch (Json.UnexpectedResponse e) {
      throw new GitLabException(
          call.method(),
          call.display(),
          response.code(),
          "unexpected response: " + e.getMessage() + "; is the URL a GitLab API v4 base?",
          e);
    }
  }

  private void pause(Call call, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitLabException(
          call.method(), call.display(), 0, "interrupted while waiting to retry", e);
    }
  }

  /** How long GitLab asked us to wait, if it said. */
  Optional<Duration> serverWait(Response response) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter != null) {
      Optional<Duration> parsed = parseRetryAfter(retryAfter.strip());
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    String reset = response.header("RateLimit-Reset");
    if (reset != null) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
        return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<Duration> parseRetryAfter(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(nonNegative(Duration.between(clock.instant(), at.toInstant())));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String errorMessage(Response response) {
    ResponseBody body = response.body();
    String text = "";
    if (body != null) {
      try {
        text = new String(body.byteStream().readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
    }
    return ErrorBodies.message(text, response.message());
  }

  private static String describe(IOException e) {
    String kind =
        e instanceof SocketTimeoutException || e instanceof InterruptedIOException
            ? "timed out"
            : e instanceof ConnectException
                ? "cannot connect"
                : e instanceof UnknownHostException ? "unknown host" : "I/O error";
    String message = e.getMessage();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  /**
   * A refused certificate names itself and what to do (which CA file to set or check); a host name
   * the certificate does not list says so; anything else keeps the TLS stack's words.
   */
  private String describeTls(Call call, SSLException e) {
    Optional<UntrustedCertificateException> refused = UntrustedCertificateException.in(e);
    if (refused.isPresent()) {
      return TLS_FAILED + ": " + refused.get().getMessage() + "; " + trust.advice();
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return TLS_FAILED
          + ": GitLab's certificate is not valid for the host "
          + call.url().host()
          + " ("
          + oneLine(e.getMessage())
          + "); use a host name the certificate lists in the GitLab URL";
    }
    String message = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
    return TLS_FAILED + message + "; " + trust.advice();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /** Belt and braces: no message built from a response may carry the token back out. */
  private String redact(String text) {
    return text.replace(token.value(), "[redacted]");
  }
}
