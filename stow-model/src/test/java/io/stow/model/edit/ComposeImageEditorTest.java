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

  @Test
  void replaceImage_keepsCommentsOrderAndEveryOtherByte() {
    String yaml =
        """
        name: shop   # the project
        x-stow:
          daemonBaseUrl: https://d:17403/
        services:
          # the front end
          web:
            ports: ["8080:80"]
            image: 'nginx:1.25@sha256:%s'   # bumped by suggest-image
            restart: always
          db: {image: "postgres:16", restart: always}
        """
            .formatted("a".repeat(64));

    ImageEdit web =
        ComposeImageEditor.replaceImage("h/compose.yaml", yaml, "web", "nginx:1.26@" + DIGEST);
    ImageEdit db =
        ComposeImageEditor.replaceImage("h/compose.yaml", yaml, "db", "postgres:17@" + DIGEST);

    assertThat(web.content())
        .isEqualTo(
            yaml.replace(
                "'nginx:1.25@sha256:" + "a".repeat(64) + "'", "'nginx:1.26@" + DIGEST + "'"));
    assertThat(web.previousImage()).isEqualTo("nginx:1.25@sha256:" + "a".repeat(64));
    assertThat(web.line() + ":" + web.column()).isEqualTo("8:12");
    assertThat(db.content())
        .isEqualTo(yaml.replace("\"postgres:16\"", "\"postgres:17@" + DIGEST + "\""));
  }

  @Test
  void replaceImage_anUnknownService_listsTheServices() {
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("h/compose.yaml", FILE, "api", "a:1@" + DIGEST))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "h/compose.yaml:5:3: services: no service named 'api'; the services are: web, db, app,"
                + " env");
  }

  @Test
  void replaceImage_aBuildOnlyService_isRefusedWithFileLineAndService() {
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("h/compose.yaml", FILE, "app", "a:1@" + DIGEST))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "h/compose.yaml:10:3: services.app.image: service 'app' has no image: it is built"
                + " from build:, and stow tags what it builds itself; only an image written in"
                + " image: can be changed");
  }

  @Test
  void replaceImage_anInterpolatedImage_isRefusedNotOverwritten() {
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("h/compose.yaml", FILE, "env", "a:1@" + DIGEST))
        .isInstanceOf(DescriptorException.class)
        .hasMessageStartingWith("h/compose.yaml:13:12: services.env.image:")
        .hasMessageContaining("interpolated from variables");
  }

  @Test
  void replaceImage_anImageFromAMergeKey_saysToWriteItOut() {
    String yaml = "x-b: &b\n  image: nginx:1\nservices:\n  web:\n    <<: *b\n";
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("compose.yaml", yaml, "web", "a:1@" + DIGEST))
        .hasMessageContaining("compose.yaml:4:3: services.web.image:")
        .hasMessageContaining("merge key (<<); write image: out in this service");
  }

  @Test
  void replaceImage_blockScalarsAndAnchoredImages_failClosed() {
    String block = "services:\n  web:\n    image: >-\n      nginx:1\n";
    String anchored = "services:\n  web:\n    image: &i nginx:1\n  api:\n    image: *i\n";
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("compose.yaml", block, "web", "a:1@" + DIGEST))
        .hasMessageContaining("block scalar");
    assertThatThrownBy(
            () -> ComposeImageEditor.replaceImage("compose.yaml", anchored, "web", "a:1@" + DIGEST))
        .hasMessageContaining("anchor");
  }
}
