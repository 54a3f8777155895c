package io.stow.model.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.parse.DescriptorException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeImageEditorTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static final String FILE =
      """
      # the shop
      x-base: &base
        restart: always
      services:
        web:   # front
          image: "nginx:1.25"  # pinned by stow pin
          <<: *base
        db:
          image: postgres:16
        app:
          build: ./app
        env:
          image: ${IMAGE}
      """;

  @Test
  void images_listsEachServicesImageWithItsPosition() {
    List<ComposeImageEditor.ServiceImage> images = ComposeImageEditor.images("compose.yaml", FILE);

    assertThat(images)
        .extracting(ComposeImageEditor.ServiceImage::service, i -> i.line() + ":" + i.column())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", "6:12"),
            org.assertj.core.groups.Tuple.tuple("db", "9:12"),
            org.assertj.core.groups.Tuple.tuple("env", "13:12"));
    assertThat(images.get(0).image()).isEqualTo("nginx:1.25");
    assertThat(images.get(0).notEditable()).isEmpty();
    assertThat(images.get(2).notEditable()).get().asString().contains("interpolated");
  }

  @Test
  void replaceImage_changesOnlyTheImageKeepingQuotesAndComments() {
    ImageEdit edit =
        ComposeImageEditor.replaceImage("compose.yaml", FILE, "web", "nginx:1.25@" + DIGEST);

    assertThat(edit.content())
        .isEqualTo(FILE.replace("\"nginx:1.25\"", "\"nginx:1.25@" + DIGEST + "\""));
    assertThat(edit.previousImage()).isEqualTo("nginx:1.25");
    assertThat(edit.line()).isEqualTo(6);

    ImageEdit plain =
        ComposeImageEditor.replaceImage(
            "compose.yaml", edit.content(), "db", "postgres:16@" + DIGEST);
    assertThat(plain.content())
        .isEqualTo(
            FILE.replace("\"nginx:1.25\"", "\"nginx:1.25@" + DIGEST + "\"")
                .replace("postgres:16", "postgres:16@" + DIGEST));
  }

  @Test
  void replaceImage_refusesAServiceWithoutAnImage() {
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("compose.yaml", FILE, "app", "a:1@" + DIGEST))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("has no image");
  }

  @Test
  void images_reportsAnAnchoredService() {
    String yaml = "services:\n  web: &w\n    image: nginx:1\n  other: *w\n";
    assertThat(ComposeImageEditor.images("compose.yaml", yaml).get(0).notEditable())
        .isEqualTo(Optional.of("it is reached through an anchor; write it out in this service"));
  }
}
