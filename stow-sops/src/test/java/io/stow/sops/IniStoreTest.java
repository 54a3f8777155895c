package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** go-ini's triple-quoted values, which may span lines. */
class IniStoreTest {

  private static Object value(String ini, String section, String key) {
    Node.MapNode root =
        new IniStore().parse(ini.getBytes(StandardCharsets.UTF_8), SopsLimits.DEFAULT).get(0);
    return ((Node.Scalar) ((Node.MapNode) root.get(section)).get(key)).value();
  }

  @Test
  void parse_readsTripleQuotedValuesOnOneOrManyLines() {
    assertThat(value("[s]\nk = \"\"\"one\"\"\"\n", "s", "k")).isEqualTo("one");
    assertThat(value("[s]\nk = \"\"\"first\nsecond\nthird\"\"\" tail\nn = 1\n", "s", "k"))
        .isEqualTo("first\nsecond\nthird");
    assertThat(value("[s]\nk = \"\"\"\nx\n\"\"\"\n", "s", "k")).isEqualTo("\nx\n");
  }

  @Test
  void parse_readsAValueOfManyLines() {
    String body = "line\n".repeat(200_000);
    assertThat(value("[s]\nk = \"\"\"" + body + "\"\"\"\n", "s", "k")).isEqualTo(body);
  }

  @Test
  void parse_refusesAnUnclosedValueNamingItsLine() {
    assertThatThrownBy(() -> value("[s]\na = 1\nk = \"\"\"open\nnever closed\n", "s", "k"))
        .isInstanceOf(StoreException.class)
        .hasMessage("line 3: unclosed \"\"\" value");
  }
}
