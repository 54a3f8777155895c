package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Files encrypted by the test encryptor decrypt back to their plaintext in every store. */
class RoundTripTest {

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();
  private final SopsTestEncryptor.Options options = SopsTestEncryptor.Options.age(age.recipient());

  private SopsDecryptor decryptor() {
    return new SopsDecryptor(SopsKeys.none().withAgeKey(age.identity()));
  }

  private Path write(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private String decrypt(String name, SopsFormat format, String plaintext) throws Exception {
    Path file = write(name, SopsTestEncryptor.encrypt(format, plaintext, options));
    assertThat(decryptor().isSopsFile(file)).isTrue();
    return new String(decryptor().decrypt(file), StandardCharsets.UTF_8);
  }

  @Test
  void yaml_roundTripsTypesCommentsAndYaml12Strings() throws Exception {
    String plaintext =
        "# top comment\n"
            + "name: stow\n"
            + "answer: 42\n"
            + "ratio: 0.25\n"
            + "big: 1.234568e+09\n"
            + "enabled: true\n"
            + "word: \"yes\"\n"
            + "quoted: \"123\"\n"
            + "empty: \"\"\n"
            + "nothing: null\n"
            + "unicode: grüße ✓\n"
            + "db:\n"
            + "    # the database\n"
            + "    user: admin\n"
            + "    hosts:\n"
            + "        - a.example\n"
            + "        - port: 5432\n"
            + "          tls: false\n"
            + "cert: |\n"
            + "    line one\n"
            + "    line two\n"
            + "public_unencrypted:\n"
            + "    note: visible\n";

    String decrypted = decrypt("app.yaml", SopsFormat.YAML, plaintext);

    assertThat(decrypted).isEqualTo(plaintext);
    Object expected = new Load(LoadSettings.builder().build()).loadFromString(plaintext);
    Object actual = new Load(LoadSettings.builder().build()).loadFromString(decrypted);
    assertThat(actual).isEqualTo(expected);
    assertThat(((Map<?, ?>) actual).get("word")).isEqualTo("yes");
  }

  @Test
  void yaml_readsPlainYesAsStringUnderYaml12() throws Exception {
    Path file =
        write("yes.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, "word: yes\n", options));

    assertThat(Files.readString(file)).contains("type:str]");
    assertThat(decryptor().decryptToJson(file)).isEqualTo("{\n\t\"word\": \"yes\"\n}\n");
  }

  @Test
  void yaml_keepsClearValuesOfUnencryptedSuffixInEncryptedFile() throws Exception {
    byte[] encrypted =
        SopsTestEncryptor.encrypt(
            SopsFormat.YAML, "secret: hunter2\nplain_unencrypted: visible\n", options);

    assertThat(new String(encrypted, StandardCharsets.UTF_8))
        .contains("plain_unencrypted: visible")
        .doesNotContain("hunter2");
  }

  @Test
  void yaml_roundTripsSeveralDocuments() throws Exception {
    String plaintext = "a: 1\n---\nb: two\n---\nc:\n    - x\n";

    assertThat(decrypt("multi.yaml", SopsFormat.YAML, plaintext)).isEqualTo(plaintext);
    Path file = dir.resolve("multi.yaml");
    assertThat(new ObjectMapper().readTree(decryptor().decryptToJson(file)).size()).isEqualTo(3);
  }

  @Test
  void yaml_roundTripsTimeAndBytesTypes() throws Exception {
    OffsetDateTime time =
        OffsetDateTime.of(2025, 5, 6, 7, 8, 9, 500_000_000, ZoneOffset.ofHours(2));
    Node.MapNode document =
        new Node.MapNode(
            List.of(
                new Node.Field("when", Node.Scalar.of(time)),
                new Node.Field("blob", Node.Scalar.of("raw".getBytes(StandardCharsets.UTF_8)))));
    Path file =
        write("types.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, List.of(document), options));

    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
        .contains("type:time]")
        .contains("type:bytes]");
    assertThat(new String(decryptor().decrypt(file), StandardCharsets.UTF_8))
        .isEqualTo("when: 2025-05-06T07:08:09.5+02:00\nblob: raw\n");
  }

  @Test
  void json_roundTripsInOrderWithGoEscaping() throws Exception {
    String plaintext =
        "{\n\t\"zeta\": \"<tag> & co\",\n\t\"alpha\": 25.4,\n\t\"count\": 7,\n\t\"ok\": false,"
            + "\n\t\"list\": [\n\t\t\"a\",\n\t\t{\n\t\t\t\"k\": null\n\t\t}\n\t],\n\t\"none\": {},"
            + "\n\t\"empty\": \"\"\n}\n";

    String decrypted = decrypt("app.json", SopsFormat.JSON, plaintext);

    assertThat(decrypted)
        .isEqualTo(plaintext.replace("<tag> & co", "\\u003ctag\\u003e \\u0026 co"));
  }

  @Test
  void dotenv_roundTripsCommentsAndMultilineValues() throws Exception {
    String plaintext =
        "# settings\nDB_URL=postgres://db/app\nMULTI=one\\ntwo\nEMPTY=\nSPACED = yes \n";

    assertThat(decrypt("app.env", SopsFormat.DOTENV, plaintext)).isEqualTo(plaintext);
  }

  @Test
  void ini_roundTripsWithEscapedMetadata() throws Exception {
    String plaintext =
        "; first section\n[database]\nuser     = admin\npassword = s3cret\n\n[not private]\n"
            + "note_unencrypted = hi there!\n";

    String encrypted =
        new String(
            SopsTestEncryptor.encrypt(SopsFormat.INI, plaintext, options), StandardCharsets.UTF_8);

    assertThat(encrypted).contains("age__list_0__map_enc").contains("\\n").doesNotContain("\"\"\"");
    assertThat(decrypt("app.ini", SopsFormat.INI, plaintext)).isEqualTo(plaintext);
  }

  @Test
  void ini_roundTripsWithMultilineMetadata() throws Exception {
    String plaintext = "[foo]\nbar = baz\n";
    byte[] encrypted =
        SopsTestEncryptor.encrypt(SopsFormat.INI, plaintext, options.withIniMultilineMetadata());
    Path file = write("multi.ini", encrypted);

    assertThat(new String(encrypted, StandardCharsets.UTF_8)).contains("\"\"\"-----BEGIN AGE");
    assertThat(new String(decryptor().decrypt(file), StandardCharsets.UTF_8)).isEqualTo(plaintext);
  }

  @Test
  void binary_roundTripsRawContent() throws Exception {
    String plaintext = "any bytes\n{not json}\n\ttabs\n";

    assertThat(decrypt("secret.bin", SopsFormat.BINARY, plaintext)).isEqualTo(plaintext);
    assertThat(decryptor().decryptToJson(dir.resolve("secret.bin"))).isEqualTo(plaintext);
  }

  @Test
  void decrypt_appliesEncryptedSuffix() throws Exception {
    SopsTestEncryptor.Options rules = options.withRules("", "_secret", "", "");
    String plaintext = "db_secret: hunter2\nhost: db.example\n";
    Path file = write("suffix.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, rules));

    assertThat(Files.readString(file)).contains("host: db.example").doesNotContain("hunter2");
    assertThat(new String(decryptor().decrypt(file), StandardCharsets.UTF_8)).isEqualTo(plaintext);
  }

  @Test
  void decrypt_appliesEncryptedRegex() throws Exception {
    SopsTestEncryptor.Options rules = options.withRules("", "", "", "^(data|stringData)$");
    String plaintext = "kind: Secret\ndata:\n    password: hunter2\n";
    Path file = write("regex.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, rules));

    assertThat(Files.readString(file)).contains("kind: Secret").doesNotContain("hunter2");
    assertThat(new String(decryptor().decrypt(file), StandardCharsets.UTF_8)).isEqualTo(plaintext);
  }

  @Test
  void decrypt_appliesUnencryptedRegexAndCustomSuffix() throws Exception {
    SopsTestEncryptor.Options rules = options.withRules("_clear", "", "^public", "");
    String plaintext = "public_host: a\nport_clear: 80\ntoken: hunter2\n";
    Path file = write("unregex.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, rules));

    assertThat(Files.readString(file))
        .contains("public_host: a")
        .contains("port_clear: 80")
        .doesNotContain("hunter2");
    assertThat(new String(decryptor().decrypt(file), StandardCharsets.UTF_8)).isEqualTo(plaintext);
  }

  @Test
  void decrypt_macOnlyEncryptedIgnoresEditsOfClearValues() throws Exception {
    String plaintext = "token: hunter2\nnote_unencrypted: before\n";
    Path macOnly =
        write(
            "maconly.yaml",
            SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, options.withMacOnlyEncrypted()));
    Path full = write("full.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, options));
    for (Path file : List.of(macOnly, full)) {
      Files.writeString(file, Files.readString(file).replace("before", "after"));
    }

    assertThat(new String(decryptor().decrypt(macOnly), StandardCharsets.UTF_8))
        .isEqualTo("token: hunter2\nnote_unencrypted: after\n");
    assertThatThrownBy(() -> decryptor().decrypt(full))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("MAC mismatch");
  }

  @Test
  void decrypt_combinesTwoKeyGroupsWithShamirThresholdTwo() throws Exception {
    TestKeys.Pgp pgp = TestKeys.cv25519(dir);
    SopsTestEncryptor.Options shamir =
        options.withKeyGroups(
            List.of(
                List.of(new SopsTestEncryptor.AgeRecipient(age.recipient())),
                List.of(
                    new SopsTestEncryptor.PgpRecipient(pgp.encryptionKey(), pgp.fingerprint()))),
            2);
    Path file = write("shamir.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, "a: b\n", shamir));
    SopsKeys both = SopsKeys.none().withAgeKey(age.identity()).withPgpKeyFile(pgp.secretKeyFile());

    assertThat(Files.readString(file)).contains("key_groups:").contains("shamir_threshold: 2");
    assertThat(new SopsDecryptor(both).decrypt(file)).asString().isEqualTo("a: b\n");
    assertThatThrownBy(() -> decryptor().decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("1 of 2 key groups decrypted, 2 needed")
        .hasMessageContaining("key group 2: no PGP key file is configured");
  }

  @Test
  void decrypt_needsOnlyThresholdOfThreeKeyGroups() throws Exception {
    TestKeys.Age second = TestKeys.newAge();
    TestKeys.Age third = TestKeys.newAge();
    SopsTestEncryptor.Options shamir =
        options.withKeyGroups(
            List.of(
                List.of(new SopsTestEncryptor.AgeRecipient(age.recipient())),
                List.of(new SopsTestEncryptor.AgeRecipient(second.recipient())),
                List.of(new SopsTestEncryptor.AgeRecipient(third.recipient()))),
            2);
    Path file = write("shamir3.env", SopsTestEncryptor.encrypt(SopsFormat.DOTENV, "A=b\n", shamir));
    SopsKeys firstAndThird = SopsKeys.none().withAgeKey(age.identity() + "\n" + third.identity());

    assertThat(new SopsDecryptor(firstAndThird).decrypt(file)).asString().isEqualTo("A=b\n");
  }

  @Test
  void decrypt_readsAgeKeyFileWithCommentsAndBlankLines() throws Exception {
    TestKeys.Age other = TestKeys.newAge();
    Path keyFile =
        write(
            "keys.txt",
            ("# created: 2026-01-01\n# public key: "
                    + other.recipient()
                    + "\n"
                    + other.identity()
                    + "\n\n# second\n"
                    + age.identity()
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
    Path file =
        write("keyfile.yaml", SopsTestEncryptor.encrypt(SopsFormat.YAML, "a: b\n", options));

    SopsKeys keys =
        SopsKeys.fromEnvironment(Map.of(SopsKeys.SOPS_AGE_KEY_FILE, keyFile.toString()));

    assertThat(new SopsDecryptor(keys).decrypt(file)).asString().isEqualTo("a: b\n");
  }

  @Test
  void decrypt_usesPgpEncryptionSubkey() throws Exception {
    TestKeys.Pgp pgp = TestKeys.cv25519(dir);
    SopsTestEncryptor.Options pgpOnly =
        options.withKeyGroups(
            List.of(
                List.of(
                    new SopsTestEncryptor.PgpRecipient(pgp.encryptionKey(), pgp.fingerprint()))),
            0);
    Path file =
        write("pgp.json", SopsTestEncryptor.encrypt(SopsFormat.JSON, "{\"a\": 1}", pgpOnly));

    SopsDecryptor decryptor =
        new SopsDecryptor(SopsKeys.none().withPgpKeyFile(pgp.secretKeyFile()));

    assertThat(decryptor.decrypt(file)).asString().isEqualTo("{\n\t\"a\": 1\n}\n");
  }
}
