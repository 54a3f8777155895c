package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sops functional fixtures decrypt to exactly the bytes {@code sops decrypt} prints. */
class FixtureByteExactTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "format.enc.yaml  | foo: bar\\n",
        "format.enc.json  | {\\n\\t\"foo\": \"bar\"\\n}\\n",
        "format.enc.env   | foo = bar\\n",
        "format.enc.ini   | [foo]\\nbar = baz\\n",
        "format-2.enc.ini | [foo]\\nbar = baz\\n"
      })
  void decrypt_printsExactlyWhatSopsPrints(String name, String expected) throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsFunctionalKeys());

    byte[] actual = decryptor.decrypt(SopsFixtures.file("getsops-sops/" + name));

    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(expected.replace("\\n", "\n").replace("\\t", "\t"));
  }

  @Test
  void decrypt_restoresEncryptedYamlComments() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsFunctionalKeys());
    String plain = Files.readString(SopsFixtures.file("getsops-sops/comments.yaml"));

    byte[] actual = decryptor.decrypt(SopsFixtures.file("getsops-sops/comments.enc.yaml"));

    assertThat(new String(actual, StandardCharsets.UTF_8).strip()).isEqualTo(plain.strip());
  }

  @Test
  void decrypt_restoresEncryptedIniSectionComment() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsNixPgp());

    byte[] actual = decryptor.decrypt(SopsFixtures.file("sops-nix/secrets.ini"));

    assertThat(new String(actual, StandardCharsets.UTF_8))
        .startsWith("; This is an example file.\n[Welcome!]\nhello       = Welcome to SOPS!");
  }

  @Test
  void decrypt_restoresDotenvCommentAndEscapedNewlines() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsNixPgp());

    byte[] actual = decryptor.decrypt(SopsFixtures.file("sops-nix/secrets.env"));

    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(
            "# This is an example file.\nhello=Welcome to SOPS! Edit this file as you please!\n"
                + "example_key=example_value\nexample_multiline=foo\\nbar\\nbaz\n"
                + "never_gonna=give you up\n");
  }

  @Test
  void decrypt_printsBinaryFileBytes() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(SopsFixtures.sopsNixPgp());

    assertThat(decryptor.decrypt(SopsFixtures.file("sops-nix/secrets.bin")))
        .isEqualTo("binary_value\n".getBytes(StandardCharsets.UTF_8));
  }
}
