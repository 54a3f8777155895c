package io.stow.cli;

/** The {@code stow} executable. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int status = StowCli.standard().run(args);
    System.out.flush();
    System.exit(status);
  }
}
