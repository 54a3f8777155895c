package io.stow.hash;

/**
 * Run in a separate JVM by {@link FileNamesTest}: prints what {@link FileNames#requireUtf8} says.
 */
public final class FileNamesProbe {

  private FileNamesProbe() {}

  public static void main(String[] args) {
    try {
      FileNames.requireUtf8();
      System.out.println("ok");
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
  }
}
