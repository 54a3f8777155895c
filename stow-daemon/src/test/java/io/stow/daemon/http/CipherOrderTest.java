package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CipherOrderTest {

  @TempDir Path dir;

  @Test
  void theUnitsFirstTierCompilerOnly_orNoAesIntrinsics_putChaCha20First() {
    assertThat(CipherOrder.aesGcmCompiled(List.of())).isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:+UseSerialGC", "-Xmx256m"))).isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:TieredStopAtLevel=1"))).isFalse();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:TieredStopAtLevel=3"))).isFalse();
    assertThat(
            CipherOrder.aesGcmCompiled(
                List.of("-XX:TieredStopAtLevel=1", "-XX:-TieredCompilation")))
        .as("C2 alone")
        .isTrue();
    assertThat(
            CipherOrder.aesGcmCompiled(
                List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")))
        .as("the last one wins")
        .isTrue();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-Xint"))).isFalse();
    assertThat(CipherOrder.aesGcmCompiled(List.of("-XX:-UseAESIntrinsics"))).isFalse();
  }

  @Test
  void chaCha20First_keepsEveryDefaultSuite_andTheRestInTheJdksOrder() throws Exception {
    SSLContext context = SSLContext.getDefault();
    List<String> defaults = CipherOrder.JDK_DEFAULT.suites(context);
    List<String> ordered = CipherOrder.CHACHA20_FIRST.suites(context);

    assertThat(ordered).containsExactlyInAnyOrderElementsOf(defaults);
    assertThat(ordered.get(0)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(ordered.stream().filter(s -> !s.contains("CHACHA20")).toList())
        .isEqualTo(defaults.stream().filter(s -> !s.contains("CHACHA20")).toList());
  }
}
