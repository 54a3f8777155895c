package io.stow.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects stdout and stderr frames of a finished log request and splits them into lines. */
final class LogTailCallback extends ResultCallback.Adapter<Frame> {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @Override
  public synchronized void onNext(Frame frame) {
    if (frame.getStreamType() == StreamType.STDOUT
        || frame.getStreamType() == StreamType.STDERR
        || frame.getStreamType() == StreamType.RAW) {
      bytes.writeBytes(frame.getPayload());
    }
  }

  /** The last {@code max} lines, oldest first. */
  synchronized List<String> lastLines(int max) {
    return lastLines(bytes.toString(StandardCharsets.UTF_8), max);
  }

  static List<String> lastLines(String text, int max) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the text ends with a newline
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - max), lines.size()));
  }
}
