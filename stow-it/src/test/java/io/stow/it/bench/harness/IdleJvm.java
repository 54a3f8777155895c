package io.stow.it.bench.harness;

/**
 * A JVM that does nothing: started with the daemon's flags, it shows what the runtime alone holds
 * resident, the floor under the daemon's figure.
 */
public final class IdleJvm {

  private IdleJvm() {}

  /** Prints {@code ready}, then sleeps until killed. */
  public static void main(String[] args) throws InterruptedException {
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * Starts {@code java FLAGS -cp <this class's directory> IdleJvm}, with {@code java} from {@code
   * PATH} as the stow launcher finds it, and waits until it is up.
   */
  public static Process start(String flags) throws Exception {
    String classes =
        java.nio.file.Path.of(
                IdleJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java"));
    for (String flag : flags.strip().split("\\s+")) {
      if (!flag.isEmpty()) {
        command.add(flag);
      }
    }
    command.addAll(java.util.List.of("-cp", classes, IdleJvm.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] ready = process.getInputStream().readNBytes("ready".length());
    if (!new String(ready, java.nio.charset.StandardCharsets.US_ASCII).equals("ready")) {
      process.destroyForcibly();
      throw new IllegalStateException("the idle JVM did not start: " + command);
    }
    return process;
  }
}
