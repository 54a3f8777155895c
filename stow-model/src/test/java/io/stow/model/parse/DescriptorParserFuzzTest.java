package io.stow.model.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of stow.yaml parsing and binding: whatever the bytes, the parser returns
 * a descriptor or throws {@link DescriptorException}; anything else (a runtime exception, a stack
 * overflow, running out of memory) is a finding. Runs its regression inputs (in {@code
 * DescriptorParserFuzzTestInputs}) with the unit tests and fuzzes for a while in the build's fuzz
 * execution ({@code JAZZER_FUZZ=1}).
 */
class DescriptorParserFuzzTest {

  @FuzzTest(maxDuration = "6s")
  void parse(byte[] content) {
    try {
      ParsedDescriptor parsed = DescriptorParser.read("fuzz/stow.yaml", content);
      if (parsed.descriptor() == null) {
        throw new IllegalStateException("a parsed descriptor is never null");
      }
    } catch (DescriptorException expected) {
      if (expected.problems().isEmpty()) {
        throw new IllegalStateException("a refusal names at least one problem", expected);
      }
    }
  }
}
