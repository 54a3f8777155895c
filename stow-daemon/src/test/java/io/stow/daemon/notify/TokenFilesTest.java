package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.config.NotifyEvent;
import io.stow.model.config.NotifyFormat;
import io.stow.model.config.NotifyTarget;
import io.stow.model.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {

  private static final String TOKEN = "tk_SENTINEL_abcdef0123";

  @TempDir Path dir;

  private static NotifyTarget target(Optional<Path> tokenFile) {
    return new NotifyTarget(
        "phone",
        Secret.of("https://ntfy.example.com/t"),
        NotifyFormat.NTFY,
        NotifyEvent.subscribable(),
        tokenFile);
  }

  @Test
  void read_takesTheTokenWithoutSurroundingBlanks() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  " + TOKEN + "\n");

    assertThat(TokenFiles.read(target(Optional.of(file))).map(Secret::reveal)).contains(TOKEN);
    assertThat(TokenFiles.read(target(Optional.empty()))).isEmpty();
  }

  @Test
  void read_refusesWhatIsNotOneTokenInARegularFile_withoutQuotingIt() throws Exception {
    Path twoLines = Files.writeString(dir.resolve("two"), TOKEN + "\nsecond-SENTINEL\n");
    Path large = Files.writeString(dir.resolve("large"), "x".repeat(5000));
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), twoLines);
    Path directory = Files.createDirectory(dir.resolve("dir"));

    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(twoLines))))
        .isInstanceOf(NotifyException.class)
        .hasMessageContaining("tokenFile " + twoLines + " of the notify target phone")
        .hasMessageContaining("alone, on one line")
        .hasMessageNotContaining("SENTINEL");
    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(large))))
        .hasMessageContaining("larger than 4096 bytes");
    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(empty))))
        .hasMessageContaining("alone, on one line");
    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(link))))
        .hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(directory))))
        .hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> TokenFiles.read(target(Optional.of(dir.resolve("missing")))))
        .hasMessageContaining("does not exist");
  }
}
