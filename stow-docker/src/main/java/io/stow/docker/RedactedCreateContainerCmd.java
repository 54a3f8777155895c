package io.stow.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import java.util.Arrays;

/**
 * docker-java's create command, except that {@link #toString()} leaves out environment values.
 * docker-java logs every command it executes at debug level with {@code toString()}, and env values
 * may be secrets.
 */
final class RedactedCreateContainerCmd extends CreateContainerCmdImpl {

  private static final long serialVersionUID = 1L;

  RedactedCreateContainerCmd(CreateContainerCmd.Exec exec, String image) {
    super(exec, null, image);
  }

  @Override
  public String toString() {
    String[] env = getEnv() == null ? new String[0] : getEnv();
    return "CreateContainerCmd[name="
        + getName()
        + ", image="
        + getImage()
        + ", env names="
        + Arrays.stream(env).map(e -> e.substring(0, Math.max(0, e.indexOf('=')))).toList()
        + "]";
  }
}
