package io.stow.model.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.parse.DescriptorException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageEditorTest {

  private static final String OLD = "registry.example.com/apps/web:1.0@sha256:" + "a".repeat(64);
  private static final String NEW = "registry.example.com/apps/web:1.1@sha256:" + "b".repeat(64);

  private static final String DESCRIPTOR =
      "# deployment of the web tier  🚀 (a comment with an astral character)\n"
          + "deployment:\n"
          + "  name: webapp   # keep\n"
          + "  daemonBaseUrl: https://deploy.example.com:17403/\n"
          + "\n"
          + "containers:\n"
          + "  - name: worker\n"
          + "    image: registry.example.com/apps/worker:3@sha256:"
          + "c".repeat(64)
          + "\n"
          + "  - name: web\n"
          + "    image:    "
          + OLD
          + "    # pinned by CI\n"
          + "    publish: [\"127.0.0.1:8080:8080\"]\n"
          + "    env:\n"
          + "      GREETING: 'héllo'\n";

  @Test
  void replaceImage_changesExactlyTheScalar_everyOtherByteSurvives() {
    ImageEdit edit = ImageEditor.replaceImage("host/stow.yaml", DESCRIPTOR, "web", NEW);

    assertThat(edit.changed()).isTrue();
    assertThat(edit.previousImage()).isEqualTo(OLD);
    assertThat(edit.line()).isEqualTo(10);
    assertThat(edit.column()).isEqualTo(15);
    assertThat(edit.content().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(DESCRIPTOR.replace(OLD, NEW).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void quotedImages_keepTheirQuoteStyle() {
    String doubled = DESCRIPTOR.replace(OLD + "    #", "\"" + OLD + "\"    #");
    String single = DESCRIPTOR.replace(OLD + "    #", "'" + OLD + "'    #");

    assertThat(ImageEditor.replaceImage("f", doubled, "web", NEW).content())
        .isEqualTo(doubled.replace("\"" + OLD + "\"", "\"" + NEW + "\""));
    assertThat(ImageEditor.replaceImage("f", single, "web", NEW).content())
        .isEqualTo(single.replace("'" + OLD + "'", "'" + NEW + "'"));
  }

  @Test
  void crlfFilesAndFlowMappings_areEditedInPlace() {
    String crlf = DESCRIPTOR.replace("\n", "\r\n");
    String flow =
        "deployment: {name: w}\ncontainers:\n  - {name: web, image: \"" + OLD + "\", memory: 1g}\n";

    assertThat(ImageEditor.replaceImage("f", crlf, "web", NEW).content())
        .isEqualTo(crlf.replace(OLD, NEW));
    assertThat(ImageEditor.replaceImage("f", flow, "web", NEW).content())
        .isEqualTo(flow.replace(OLD, NEW));
  }

  @Test
  void theSameImage_isNoChange_andTheTextIsUntouched() {
    ImageEdit edit = ImageEditor.replaceImage("f", DESCRIPTOR, "web", OLD);

    assertThat(edit.changed()).isFalse();
    assertThat(edit.content()).isSameAs(DESCRIPTOR);
  }

  @Test
  void aDigestGivenInUpperCase_isWrittenNormalised() {
    ImageEdit edit =
        ImageEditor.replaceImage(
            "f",
            DESCRIPTOR,
            "web",
            OLD.toUpperCase()
                .replace(
                    "REGISTRY.EXAMPLE.COM/APPS/WEB:1.0@SHA256:",
                    "registry.example.com/apps/web:1.0@sha256:"));

    assertThat(edit.changed()).isFalse();
  }

  @Test
  void anUnknownContainer_listsTheContainers() {
    assertThatThrownBy(() -> ImageEditor.replaceImage("host/stow.yaml", DESCRIPTOR, "api", NEW))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "host/stow.yaml:7:3: containers: no container named 'api'; the containers"
                + " are: worker, web");
  }

  @Test
  void anImageReachedThroughAnAliasOrAnchor_failsClosed() {
    String aliased =
        "deployment: {name: w}\nbase: &img "
            + OLD
            + "\ncontainers:\n"
            + "  - name: web\n    image: *img\n";
    String anchoredContainer =
        "deployment: {name: w}\ncontainers:\n  - &web\n    name: web\n"
            + "    image: "
            + OLD
            + "\n";
    String merged =
        "deployment: {name: w}\nx: &base\n  image: "
            + OLD
            + "\ncontainers:\n"
            + "  - name: web\n    <<: *base\n";

    assertThatThrownBy(() -> ImageEditor.replaceImage("f", aliased, "web", NEW))
        .hasMessageContaining("f:2:7: containers[name=web].image: the image carries an anchor");
    assertThatThrownBy(() -> ImageEditor.replaceImage("f", anchoredContainer, "web", NEW))
        .hasMessageContaining("reached through an anchor or alias");
    assertThatThrownBy(() -> ImageEditor.replaceImage("f", merged, "web", NEW))
        .hasMessageContaining("the image comes from a merge key");
  }

  @Test
  void blockAndMultiLineScalars_failClosed() {
    String block =
        "deployment: {name: w}\ncontainers:\n  - name: web\n    image: >-\n      " + OLD + "\n";
    String multiLine =
        "deployment: {name: w}\ncontainers:\n  - name: web\n    image: \"" + OLD + "\n      \"\n";

    assertThatThrownBy(() -> ImageEditor.replaceImage("f", block, "web", NEW))
        .hasMessageContaining("block scalar");
    assertThatThrownBy(() -> ImageEditor.replaceImage("f", multiLine, "web", NEW))
        .hasMessageContaining("spans several lines");
  }

  @Test
  void anUnpinnedNewImage_isRefused() {
    assertThatThrownBy(() -> ImageEditor.replaceImage("f", DESCRIPTOR, "web", "repo/web:1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no digest");
  }

  @Test
  void invalidYaml_isAProblemWithItsPosition() {
    assertThatThrownBy(() -> ImageEditor.replaceImage("f", "a: [\n", "web", NEW))
        .isInstanceOf(DescriptorException.class)
        .hasMessageStartingWith("f:2:1: not valid YAML");
  }
}
