package io.stow.cli;

/** The version of the running stow, from the jar manifest. */
final class Version {

  private Version() {}

  static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
