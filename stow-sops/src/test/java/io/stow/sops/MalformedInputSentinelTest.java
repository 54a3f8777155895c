package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a secret through every malformed-input path of every parser (YAML, JSON, dotenv, INI,
 * binary, metadata, encrypted values, the external sops' error output) and checks that no message
 * or cause quotes it: messages name the file, the line or key path and what is wrong, never the
 * content.
 */
class MalformedInputSentinelTest {

  /** Eight letters and digits: fits a \U escape, a tag handle, an anchor, a base64 field. */
  private static final String S = "Zq9Xw7Vk";

  /** Lower-case letters only, for the places that accept nothing else (a value's type). */
  private static final String LOWER = "zqxwvkjm";

  private static final String SOPS_BLOCK =
      "sops:\n    mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n"
          + "    lastmodified: \"2026-01-01T00:00:00Z\"\n    version: 3.9.0\n";

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();
  private final SopsDecryptor decryptor =
      new SopsDecryptor(SopsKeys.none().withAgeKey(age.identity()));

  /** Name -> file content; the file name's extension picks the store. */
  private Map<String, String> cases() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    // YAML syntax: each is followed by a sops block so that the file is parsed
    cases.put("tab.yaml", "a:\n\t" + S + ": x\n" + SOPS_BLOCK);
    cases.put("long-escape.yaml", "a: \"\\U" + S + "\"\n" + SOPS_BLOCK);
    cases.put("short-escape.yaml", "a: \"\\x" + S + "\"\n" + SOPS_BLOCK);
    cases.put("unknown-escape.yaml", "a: \"\\" + S + "\"\n" + SOPS_BLOCK);
    cases.put("tag-handle.yaml", "a: !" + S + "!x value\n" + SOPS_BLOCK);
    cases.put("uri.yaml", "a: !<%" + S + ">\n" + SOPS_BLOCK);
    cases.put("mapping-value.yaml", "a: b: " + S + "\n" + SOPS_BLOCK);
    cases.put("unclosed-flow.yaml", "a: [" + S + "\n" + SOPS_BLOCK);
    cases.put("unclosed-quote.yaml", SOPS_BLOCK + "a: '" + S + "\n");
    cases.put("separator.yaml", "a: \"" + S + "\n---\n" + SOPS_BLOCK);
    cases.put("alias.yaml", "a: *" + S + "\n" + SOPS_BLOCK);
    cases.put("anchor.yaml", "a: &" + S + "\n" + SOPS_BLOCK);
    cases.put("directive.yaml", "%YAML " + S + "\n---\n" + SOPS_BLOCK);
    cases.put("control.yaml", "a: " + S + "\u0001\n" + SOPS_BLOCK);
    cases.put("int-tag.yaml", "a: !!int " + S + "\n" + SOPS_BLOCK);
    cases.put("float-tag.yaml", "a: !!float " + S + "\n" + SOPS_BLOCK);
    cases.put("indent-indicator.yaml", "a: |0\n  " + S + "\n" + SOPS_BLOCK);
    cases.put("chomping.yaml", "a: |" + S + "\n  x\n" + SOPS_BLOCK);
    cases.put("not-mapping.yaml", "- " + S + "\n---\n" + SOPS_BLOCK);
    cases.put("complex-key.yaml", "? [" + S + "]\n: x\n" + SOPS_BLOCK);
    cases.put("deep.yaml", "a: " + "[".repeat(200) + S + "]".repeat(200) + "\n" + SOPS_BLOCK);
    // JSON and binary
    cases.put("bare.json", "{\"a\": " + S + ", \"sops\": {\"version\": \"3\"}}");
    cases.put("missing-comma.json", "{\"a\": \"" + S + "\" \"sops\": {\"version\": \"3\"}}");
    cases.put("trailing.json", "{\"sops\": {\"version\": \"3\"}} " + S);
    cases.put("escape.json", "{\"a\": \"" + S + "\\q\", \"sops\": {\"version\": \"3\"}}");
    cases.put("number.json", "{\"a\": 1" + S + ", \"sops\": {\"version\": \"3\"}}");
    cases.put("array.json", "[\"" + S + "\", \"ENC[AES256_GCM,\"]");
    cases.put("control.json", "{\"a\": \"" + S + "\u0001\", \"sops\": {\"version\": \"3\"}}");
    cases.put("bare.bin", "{\"data\": " + S + ", \"sops\": {\"version\": \"3\"}}");
    // dotenv
    cases.put("no-equals.env", "KEY=value\n" + S + "\nsops_version=3.9.0\n");
    cases.put("threshold.env", "sops_shamir_threshold=" + S + "\nsops_version=3.9.0\n");
    cases.put("regex.env", "sops_unencrypted_regex=(" + S + "\nsops_version=3.9.0\n");
    // INI
    cases.put("unclosed-value.ini", "[sops]\nversion = 3\n[s]\nk = \"\"\"" + S + "\nmore\n");
    cases.put("unclosed-section.ini", "[" + S + "\n[sops]\nversion = 3\n");
    cases.put("no-delimiter.ini", "[s]\n" + S + "\n[sops]\nversion = 3\n");
    // metadata and encrypted values of a real file, decrypted with the right key
    String real = encryptedYaml();
    cases.put("lastmodified.yaml", real.replaceFirst("lastmodified: .*", "lastmodified: " + S));
    cases.put("mac-data.yaml", real.replaceFirst("mac: ENC\\[AES256_GCM,data:[^,]*", "$0" + S));
    cases.put("value-data.yaml", real.replaceFirst("data:[^,]*,", "data:" + S + ","));
    cases.put("value-type.yaml", real.replaceFirst("type:str]", "type:" + LOWER + "]"));
    cases.put("value-int.yaml", real.replaceFirst("type:str]", "type:int]"));
    cases.put("value-garbage.yaml", real.replaceFirst("ENC\\[AES256_GCM,[^\\]]*]", "ENC[" + S));
    cases.put(
        "metadata-regex.yaml",
        real.replaceFirst("version:", "encrypted_regex: (" + S + "\n    version:"));
    cases.put(
        "metadata-list.yaml",
        real.replaceFirst("    age:", "    kms:\n        - " + S + "\n    age:"));
    return cases;
  }

  private String encryptedYaml() {
    return new String(
        SopsTestEncryptor.encrypt(
            SopsFormat.YAML,
            "secret: " + S + "-and-more\nnumber: " + S + "\n",
            SopsTestEncryptor.Options.age(age.recipient())),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void malformedInput_neverQuotesContentInMessages() throws Exception {
    List<String> leaks = new ArrayList<>();
    int failures = 0;
    for (Map.Entry<String, String> c : cases().entrySet()) {
      Path file = dir.resolve(c.getKey());
      Files.writeString(file, c.getValue());
      Throwable decrypt = catchThrowable(() -> decryptor.decrypt(file));
      assertThat(decrypt)
          .as("%s must fail to decrypt", c.getKey())
          .isInstanceOf(SopsException.class);
      for (Throwable thrown :
          List.of(
              decrypt,
              nullToNone(catchThrowable(() -> decryptor.decryptIfSops(file))),
              nullToNone(catchThrowable(() -> decryptor.isSopsFile(file))),
              nullToNone(catchThrowable(() -> decryptor.decryptToJson(file))))) {
        failures++;
        String text = describe(thrown);
        if (text.contains(S) || text.contains(LOWER)) {
          leaks.add(c.getKey() + ": " + thrown);
        }
      }
    }
    assertThat(failures).isGreaterThan(150);
    assertThat(leaks).isEmpty();
  }

  @Test
  void externalSops_errorOutputDoesNotQuoteValues() throws Exception {
    Path script = dir.resolve("sops");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo 'Error unmarshalling input: cannot unmarshal !!str `"
            + S
            + "` into map' >&2\n"
            + "echo 'json: invalid value `"
            + S
            + "-rest of the line' >&2\n"
            + "exit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, "a: b\n" + SOPS_BLOCK);

    Throwable thrown =
        catchThrowable(() -> new ExternalSopsDecryptor(script, SopsKeys.none()).decrypt(file));

    assertThat(thrown)
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("exit status 1")
        .hasMessageContaining("cannot unmarshal !!str <value hidden> into map");
    assertThat(describe(thrown)).doesNotContain(S);
  }

  private static Throwable nullToNone(Throwable thrown) {
    return thrown == null ? new RuntimeException("(no failure)") : thrown;
  }

  private static String describe(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out)); // messages, causes and suppressed ones
    return out + "\n" + failure;
  }
}
