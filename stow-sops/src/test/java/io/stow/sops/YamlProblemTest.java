package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** snakeyaml's problems keep their words and lose the file's text. */
class YamlProblemTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mapping values are not allowed here | mapping values are not allowed here",
        "could not find expected ':' | could not find expected (the offending text is not shown)",
        "expected <block end>, but found '<scalar>' | expected <block end>, but found <scalar>",
        "expected escape sequence of 8 hexadecimal numbers, but found: hunter22"
            + " | expected escape sequence of 8 hexadecimal numbers (the offending text is not"
            + " shown)",
        "found undefined tag handle !hunter2! | found an undefined tag handle (the offending text"
            + " is not shown)",
        "found unknown escape character h(104) | found an unknown escape character (the offending"
            + " text is not shown)",
        "expected alphabetic or numeric character, but found h(104) | expected alphabetic or"
            + " numeric character (the offending text is not shown)"
      })
  void describe_keepsWordsAndDropsText(String problem, String expected) {
    assertThat(YamlProblem.describe(problem)).isEqualTo(expected);
  }

  @Test
  void describe_explainsTheTabCase() {
    assertThat(
            YamlProblem.describe(
                "found character '\\t' that cannot start any token. (Do not use \\t for"
                    + " indentation)"))
        .isEqualTo("found a character that cannot start any token (a tab used for indentation?)");
  }
}
