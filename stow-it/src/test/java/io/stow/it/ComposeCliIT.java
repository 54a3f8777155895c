package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.StowProcess;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance through the packaged CLI: {@code stow pin} pins a Compose file and leaves every other
 * byte as it was; unsupported keys, a build context outside the folder and an unpinned image
 * without build each fail {@code stow validate} with line:col.
 */
class ComposeCliIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final TestImages images = TestImages.get();

  @TempDir Path tmp;

  @Test
  void pin_pinsEachTagToItsRegistryDigestAndLeavesEveryOtherByte() throws Exception {
    ImageRef one = images.first();
    ImageRef two = images.second();
    String original =
        """
        # the shop, pinned by `stow pin`
        name: shop   # project
        x-defaults: &defaults
          restart: unless-stopped

        services:
          web:
            <<: *defaults
            image: %s        # tag only
            ports:   [ "127.0.0.1:8080:80" ]
          worker:
            image: "%s"
            command: [sleep, "3600"]
          pinned:
            image: '%s'
          app:
            build: ./app
        """
            .formatted(one.tagged(), two.tagged(), one);
    DeploymentFolder folder =
        DeploymentFolder.at(tmp.resolve("shop"))
            .file("compose.yaml", original)
            .file("app/Dockerfile", "FROM " + one + "\n");

    StowProcess.Result pin =
        StowProcess.run(
            tmp.resolve("logs"), "pin", Duration.ofMinutes(2), "pin", folder.toString());

    assertThat(pin.exitCode()).as(pin.toString()).isZero();
    String expected =
        original
            .replace("image: " + one.tagged() + "        #", "image: " + one + "        #")
            .replace("\"" + two.tagged() + "\"", "\"" + two + "\"");
    assertThat(Files.readString(folder.path().resolve("compose.yaml"))).isEqualTo(expected);
    assertThat(pin.stdout())
        .contains("pinned web: " + one.tagged() + " -> " + one)
        .contains("pinned worker: " + two.tagged() + " -> " + two)
        .contains("2 images pinned");
    assertThat(pin.stderr()).contains("pinned: already pinned");

    StowProcess.Result again =
        StowProcess.run(
            tmp.resolve("logs"), "pin-again", Duration.ofMinutes(2), "pin", folder.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout()).contains("0 images pinned");
    assertThat(Files.readString(folder.path().resolve("compose.yaml"))).isEqualTo(expected);

    StowProcess.Result validate =
        StowProcess.run(
            tmp.resolve("logs"), "validate", Duration.ofMinutes(1), "validate", folder.toString());
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.stdout()).contains("is valid: deployment shop, 4 containers");
  }

  @Test
  void validate_failsEachRuleWithLineAndColumn() throws Exception {
    String image = images.first().toString();
    check(
        "unsupported",
        "services:\n  web:\n    image: "
            + image
            + "\n    privileged: true\n    devices: [/dev/fuse]\n",
        ":4:5: services.web.privileged: 'privileged' is not supported by stow",
        ":5:5: services.web.devices: 'devices' is not supported by stow");
    check(
        "outside",
        "services:\n  web:\n    build:\n      context: ../elsewhere\n",
        ":4:16: services.web.build.context: the build context '../elsewhere' leaves the deployment"
            + " folder");
    check(
        "unpinned",
        "services:\n  web:\n    image: " + images.first().tagged() + "\n",
        ":3:12: services.web.image: image '" + images.first().tagged() + "' has no digest");
  }

  private void check(String name, String compose, String... expected) throws Exception {
    DeploymentFolder folder = DeploymentFolder.at(tmp.resolve(name)).file("compose.yaml", compose);
    StowProcess.Result run =
        StowProcess.run(
            tmp.resolve("logs"), name, Duration.ofMinutes(1), "validate", folder.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    String file = folder.path().resolve("compose.yaml").toString();
    for (String line : expected) {
      assertThat(run.stderr()).as(run.toString()).contains(file + line);
    }
  }
}
