package io.stow.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.stow.model.ObservedContainer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Docker's inspect and list answers into {@link ContainerState} and {@link
 * ObservedContainer}.
 */
final class ContainerStates {

  /** Docker's zero time: the container has never started. */
  private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

  private ContainerStates() {}

  static ContainerState from(InspectContainerResponse response) {
    InspectContainerResponse.ContainerState state = response.getState();
    String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
    boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
    boolean restarting = state != null && Boolean.TRUE.equals(state.getRestarting());
    Map<String, String> labels =
        response.getConfig() == null || response.getConfig().getLabels() == null
            ? Map.of()
            : response.getConfig().getLabels();
    String image =
        response.getConfig() == null || response.getConfig().getImage() == null
            ? ""
            : response.getConfig().getImage();
    return new ContainerState(
        response.getId(),
        name(response.getName()),
        image,
        labels,
        status,
        running,
        restarting,
        response.getRestartCount() == null ? 0 : response.getRestartCount(),
        exitCode(state, status, running, restarting),
        Optional.ofNullable(state)
            .map(InspectContainerResponse.ContainerState::getHealth)
            .map(HealthState::getStatus),
        Optional.ofNullable(state).flatMap(s -> instant(s.getStartedAt())));
  }

  /**
   * A container of the list call; a restarting or paused container counts as running, as in
   * inspect.
   */
  static ObservedContainer summary(Container container) {
    String[] names = container.getNames();
    return summary(
        container.getId(),
        names == null || names.length == 0 ? null : names[0],
        container.getImage(),
        container.getLabels(),
        container.getState(),
        container.getStatus());
  }

  /**
   * A container of the list call from its fields as the engine sends them: {@code Id}, the first of
   * {@code Names}, {@code Image}, {@code Labels}, {@code State} and {@code Status} (any may be
   * null).
   */
  static ObservedContainer summary(
      String id,
      String firstName,
      String image,
      Map<String, String> labels,
      String state,
      String statusText) {
    String status = state == null ? "unknown" : state;
    return new ObservedContainer(
        id,
        name(firstName),
        image == null ? "" : image,
        labels == null ? Map.of() : labels,
        status,
        status.equals("running") || status.equals("restarting") || status.equals("paused"),
        status.equals("restarting"),
        status.equals("exited") ? listedExitCode(statusText) : Optional.empty());
  }

  private static final java.util.regex.Pattern EXITED =
      java.util.regex.Pattern.compile("Exited \\((-?[0-9]{1,9})\\).*");

  /** The exit code in the list's status text, {@code Exited (0) 5 minutes ago}. */
  static Optional<Integer> listedExitCode(String statusText) {
    if (statusText == null) {
      return Optional.empty();
    }
    java.util.regex.Matcher m = EXITED.matcher(statusText);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  static String name(String dockerName) {
    if (dockerName == null) {
      return "";
    }
    return dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
  }

  /** The last exit code, when the container has exited at least once (or is restarting). */
  private static Optional<Integer> exitCode(
      InspectContainerResponse.ContainerState state,
      String status,
      boolean running,
      boolean restarting) {
    if (state == null || state.getExitCodeLong() == null || status.equals("created")) {
      return Optional.empty();
    }
    if (running && !restarting) {
      return Optional.empty();
    }
    return Optional.of(state.getExitCodeLong().intValue());
  }

  static Optional<Instant> instant(String dockerTime) {
    if (dockerTime == null || dockerTime.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant instant = Instant.parse(dockerTime);
      return instant.equals(NEVER) ? Optional.empty() : Optional.of(instant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
