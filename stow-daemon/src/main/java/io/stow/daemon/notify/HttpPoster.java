package io.stow.daemon.notify;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** Makes one POST and says how it was answered; never retries. */
@FunctionalInterface
public interface HttpPoster {

  /**
   * An answer.
   *
   * @param retryAfter the {@code Retry-After} header, as sent
   * @param body the start of the response body
   */
  record Answer(int status, Optional<String> retryAfter, String body) {
    public Answer {
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(body, "body");
    }

    public boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * @throws IOException when no answer came (cannot connect, timed out, ...)
   * @throws IllegalArgumentException when the payload cannot be sent at all (a malformed URL)
   */
  Answer post(Payload payload) throws IOException;
}
