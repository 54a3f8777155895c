package io.stow.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

class BadgeTest {

  @ParameterizedTest
  @EnumSource(BadgeState.class)
  void everyState_isWellFormedSvg_withItsWordAndColour(BadgeState state) throws Exception {
    String svg = new String(Badge.svg(state), StandardCharsets.UTF_8);

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(Badge.svg(state)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getAttribute("aria-label"))
        .isEqualTo("stow: " + state.word());
    assertThat(svg)
        .contains(">" + state.word() + "</text>")
        .contains("fill=\"" + state.color() + "\"");
  }

  @Test
  void theColours_areTheIssuesOnes() {
    assertThat(BadgeState.RUNNING.color()).isEqualTo("#4c1");
    assertThat(BadgeState.RECONCILING.color()).isEqualTo("#dfb317");
    assertThat(BadgeState.QUEUED.color()).isEqualTo(BadgeState.DIFFERENT.color());
    assertThat(BadgeState.ERROR.color()).isEqualTo("#e05d44");
    assertThat(BadgeState.UNKNOWN.color()).isEqualTo("#9f9f9f");
  }

  @Test
  void longerWords_makeWiderBadges() {
    assertThat(width(Badge.render("stow", "reconciling", "#000")))
        .isGreaterThan(width(Badge.render("stow", "error", "#000")));
  }

  private static int width(String svg) {
    String w = svg.substring(svg.indexOf("width=\"") + 7);
    return Integer.parseInt(w.substring(0, w.indexOf('"')));
  }
}
