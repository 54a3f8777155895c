package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, hostile or foreign files fail with a SopsException that says what is wrong. */
class MalformedInputTest {

  private static final Pattern DATA = Pattern.compile("data:([A-Za-z0-9+/=]+),");

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();
  private final SopsDecryptor decryptor =
      new SopsDecryptor(SopsKeys.none().withAgeKey(age.identity()));

  private Path encrypted(String name, String plaintext) throws Exception {
    Path file = dir.resolve(name);
    Files.write(
        file,
        SopsTestEncryptor.encrypt(
            SopsFormat.of(file), plaintext, SopsTestEncryptor.Options.age(age.recipient())));
    return file;
  }

  private static void edit(Path file, java.util.function.UnaryOperator<String> change)
      throws Exception {
    Files.writeString(file, change.apply(Files.readString(file)));
  }

  @Test
  void decrypt_failsOnTruncatedBase64WithKeyPath() throws Exception {
    Path file = encrypted("t.yaml", "db:\n    password: hunter2\n");
    edit(file, s -> s.replaceFirst("data:([A-Za-z0-9+/=]+)[A-Za-z0-9+/=],", "data:$1,"));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at db.password")
        .hasMessageContaining("base64 in field 'data'");
  }

  @Test
  void decrypt_failsOnWrongTagLength() throws Exception {
    Path file = encrypted("tag.json", "{\"token\": \"hunter2\"}");
    edit(file, s -> s.replaceFirst("tag:[A-Za-z0-9+/=]+,", "tag:AAAA,"));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("at token")
        .hasMessageContaining("wrong tag length: 3 bytes, AES-GCM needs 16");
  }

  @Test
  void decrypt_failsOnCorruptValue() throws Exception {
    Path file = encrypted("c.env", "TOKEN=hunter2\n");
    edit(file, s -> flipFirstData(s));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("at TOKEN")
        .hasMessageContaining("authentication failed");
  }

  @Test
  void decrypt_failsOnValueMovedToAnotherKey() throws Exception {
    Path file = encrypted("moved.yaml", "a: one\nb: two\n");
    edit(file, s -> s.replaceFirst("(?m)^a:", "c:"));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("at c: authentication failed");
  }

  @Test
  void decrypt_failsOnMissingLastModified() throws Exception {
    Path file = encrypted("nolm.yaml", "a: b\n");
    edit(file, s -> s.replaceFirst("(?m)^    lastmodified:.*\\n", ""));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("invalid sops metadata")
        .hasMessageContaining("no 'lastmodified'");
  }

  @Test
  void decrypt_failsOnMissingMac() throws Exception {
    Path file = encrypted("nomac.ini", "[s]\nk = v\n");
    edit(file, s -> s.replaceFirst("(?m)^mac .*\\n", ""));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("has no MAC");
  }

  @Test
  void decrypt_failsOnMissingAgeEnc() throws Exception {
    Path file = encrypted("noenc.env", "A=b\n");
    edit(file, s -> s.replaceFirst("(?m)^sops_age__list_0__map_enc=.*\\n", ""));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("'age' entry has no 'enc' field");
  }

  @Test
  void decrypt_failsWhenMetadataListsNoKeys() throws Exception {
    Path file = dir.resolve("nokeys.json");
    Files.writeString(
        file,
        "{\"a\": \"b\", \"sops\": {\"lastmodified\": \"2026-01-01T00:00:00Z\", \"mac\": \"x\","
            + " \"version\": \"3.10.2\"}}");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("lists no master keys");
  }

  @Test
  void decrypt_refusesGiantFile() throws Exception {
    Path file = encrypted("big.yaml", "blob: " + "x".repeat(4096) + "\n");
    SopsDecryptor small = new SopsDecryptor(SopsKeys.none(), new SopsLimits(1024, 100));

    assertThat(small.isSopsFile(file)).isTrue();
    assertThatThrownBy(() -> small.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("larger than the 1024-byte limit");
  }

  @Test
  void isSopsFile_ignoresGiantPlainFile() throws Exception {
    Path file = dir.resolve("video.bin");
    Files.write(file, new byte[8192]);

    assertThat(new SopsDecryptor(SopsKeys.none(), new SopsLimits(1024, 100)).isSopsFile(file))
        .isFalse();
  }

  @Test
  void decrypt_refusesDeepYamlNesting() throws Exception {
    Path file = dir.resolve("deep.yaml");
    Files.writeString(file, "a: " + "[".repeat(500) + "]".repeat(500) + "\nsops: {}\n");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("nesting deeper than 100 levels");
  }

  @Test
  void decrypt_refusesDeepJsonNesting() throws Exception {
    Path file = dir.resolve("deep.json");
    Files.writeString(file, "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("nesting deeper than 100 levels");
  }

  @Test
  void decrypt_refusesAliasBomb() throws Exception {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    Path file = dir.resolve("bomb.yaml");
    Files.writeString(file, yaml + "sops:\n    version: 3.10.2\n");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("expands to more than");
  }

  @Test
  void decrypt_reportsYamlSyntaxErrorPositionWithoutContent() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "a: ENC[AES256_GCM,data:abc\n  - hunter2: [\n");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("YAML syntax error at line")
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> decryptor.isSopsFile(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("holds sops-encrypted values but is not valid YAML");
  }

  @Test
  void decrypt_failsOnPlainFileSayingItIsNotSops() throws Exception {
    Path file = dir.resolve("plain.yaml");
    Files.writeString(file, "a: b\nsops_like: yes\n");

    assertThat(decryptor.isSopsFile(file)).isFalse();
    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("has no sops metadata block");
  }

  @Test
  void isSopsFile_treatsNonJsonBinaryAsPlain() throws Exception {
    Path file = dir.resolve("logo.png");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});

    assertThat(decryptor.isSopsFile(file)).isFalse();
  }

  @Test
  void decrypt_saysWhichAgeRecipientsNoIdentityMatches() throws Exception {
    Path file = encrypted("other.yaml", "a: b\n");
    Path keyFile = dir.resolve("keys.txt");
    Files.writeString(
        keyFile, TestKeys.newAge().identity() + "\n" + TestKeys.newAge().identity() + "\n");

    assertThatThrownBy(
            () -> new SopsDecryptor(SopsKeys.none().withAgeKeyFile(keyFile)).decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining(
            "none of the 2 age identities in "
                + keyFile
                + " matches recipients "
                + age.recipient());
  }

  @Test
  void decrypt_asksForSopsBinaryForKeyServices() throws Exception {
    Path file = dir.resolve("kms.json");
    Files.writeString(
        file,
        "{\"a\": \"ENC[AES256_GCM,data:AAAA,iv:"
            + "A".repeat(44)
            + ",tag:"
            + "A".repeat(24)
            + ",type:str]\", \"sops\": {\"kms\": [{\"arn\": \"arn:aws:kms:eu-west-1:1:key/k\","
            + " \"enc\": \"x\"}], \"age\": [{\"recipient\": \"age1pq1abc\", \"enc\": \"y\"}],"
            + " \"lastmodified\": \"2026-01-01T00:00:00Z\", \"mac\": \"m\", \"version\": \"3.11.0\"}}");

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("age1pq1abc (post-quantum)")
        .hasMessageContaining("AWS KMS arn:aws:kms:eu-west-1:1:key/k")
        .hasMessageContaining("configure sopsBinary");
  }

  private static String flipFirstData(String text) {
    Matcher m = DATA.matcher(text);
    m.find();
    byte[] data = java.util.Base64.getDecoder().decode(m.group(1));
    data[0] ^= 1;
    String flipped = java.util.Base64.getEncoder().encodeToString(data);
    return text.substring(0, m.start(1)) + flipped + text.substring(m.end(1));
  }

  @Test
  void decrypt_failsOnBadIvLength() throws Exception {
    Path file = encrypted("iv.yaml", "a: b\n");
    edit(file, s -> s.replaceFirst("iv:[A-Za-z0-9+/=]+,", "iv:AAAAAAAAAAAAAAAA,"));

    assertThatThrownBy(() -> decryptor.decrypt(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("wrong iv length: 12 bytes");
  }
}
