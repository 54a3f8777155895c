package io.stow.sops;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Ini store: parsing returns documents or throws a store failure,
 * and its metadata is read or refused cleanly; anything else is a finding.
 */
class IniStoreFuzzTest {

  @FuzzTest(maxDuration = "6s")
  void parse(byte[] content) {
    StoreFuzzing.parse(new IniStore(), content);
  }
}
