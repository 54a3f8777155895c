package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundedMatchTest {

  @Test
  void find_answersOrdinaryRegexesAsTheMatcherDoes() {
    assertThat(BoundedMatch.find(Pattern.compile("^(data|stringData)$"), "data", "f")).isTrue();
    assertThat(BoundedMatch.find(Pattern.compile("_unencrypted$"), "key", "f")).isFalse();
  }

  @Test
  @Timeout(10)
  void find_refusesACatastrophicRegexInsteadOfHanging() {
    // takes about ten seconds unbounded on Java 17, whose memoization defeats (a+)+ and friends
    Pattern redos = Pattern.compile("(.*a){12}$");
    String key = "a".repeat(30) + "!";

    assertThatThrownBy(() -> BoundedMatch.find(redos, key, "encrypted_regex"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'encrypted_regex' takes too long");
  }
}
