package io.stow.daemon.notify;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers posts from a script (statuses or exceptions) and keeps every payload it got. */
final class ScriptedPoster implements HttpPoster {

  private final Deque<Object> script = new ArrayDeque<>();
  private final List<Payload> posted = new ArrayList<>();

  ScriptedPoster answer(int status) {
    return answer(status, Optional.empty(), "");
  }

  ScriptedPoster answer(int status, Optional<String> retryAfter, String body) {
    script.addLast(new Answer(status, retryAfter, body));
    return this;
  }

  ScriptedPoster fail(IOException e) {
    script.addLast(e);
    return this;
  }

  @Override
  public synchronized Answer post(Payload payload) throws IOException {
    posted.add(payload);
    Object next = script.isEmpty() ? new Answer(200, Optional.empty(), "") : script.pollFirst();
    if (next instanceof IOException e) {
      throw e;
    }
    return (Answer) next;
  }

  synchronized List<Payload> posted() {
    return List.copyOf(posted);
  }
}
