package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import io.stow.it.gitlab.FakeGitLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A daemon configuration directory as an operator sets it up: {@code daemon.yaml} (and, for HTTPS,
 * {@code tls.crt}/{@code tls.key}) owned by root, directory 0500, files 0400. Needs root, as the
 * daemon's lockdown does.
 */
public final class DaemonConfigDir {

  private final Path dir;
  private final Map<String, String> keys = new LinkedHashMap<>();
  private java.util.function.Consumer<Path> tls;
  private final Map<String, String> git = new LinkedHashMap<>();
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private DaemonConfigDir(Path dir) {
    this.dir = dir;
  }

  /** {@code gitlabBase}, {@code project}, {@code gitlabToken}, {@code subfolder}, state, listen. */
  public static DaemonConfigDir at(
      Path dir, FakeGitLab gitlab, String project, String token, String subfolder, Path state) {
    DaemonConfigDir config = new DaemonConfigDir(dir);
    config.keys.put("gitlabBase", gitlab.baseUrl());
    config.keys.put("project", project);
    config.keys.put("gitlabToken", token);
    config.keys.put("subfolder", subfolder);
    config.keys.put("stateDir", state.toString());
    config.keys.put("listen", "127.0.0.1:0");
    return config;
  }

  /** A plain Git remote ({@code git: {url}}), the host's folder, state, listen. */
  public static DaemonConfigDir git(Path dir, String url, String subfolder, Path state) {
    DaemonConfigDir config = new DaemonConfigDir(dir);
    config.git.put("url", url);
    config.keys.put("subfolder", subfolder);
    config.keys.put("stateDir", state.toString());
    config.keys.put("listen", "127.0.0.1:0");
    return config;
  }

  /** A key of the {@code git:} block, e.g. {@code branch}, {@code sshKey}, {@code knownHosts}. */
  public DaemonConfigDir gitKey(String key, String value) {
    git.put(key, value);
    return this;
  }

  /** A file written into the directory (and locked down with it), e.g. a deploy key. */
  public DaemonConfigDir file(String name, byte[] content) {
    files.put(name, content.clone());
    return this;
  }

  /** Any other key, e.g. {@code triggerToken} or {@code pollInterval}. */
  public DaemonConfigDir set(String key, String value) {
    keys.put(key, value);
    return this;
  }

  /** Serves HTTPS with this certificate ({@code tlsCrt}/{@code tlsKey} in the directory). */
  public DaemonConfigDir tls(SelfSignedTls value) {
    tls = value::write;
    keys.put("tlsCrt", "tls.crt");
    keys.put("tlsKey", "tls.key");
    return this;
  }

  /** Serves HTTPS with the server certificate of a private CA, chain and key as PEM files. */
  public DaemonConfigDir tls(TestCa ca) {
    tls =
        dir -> {
          try {
            ca.writeServerChainPem(dir.resolve("tls.crt"));
            ca.writeServerKeyPem(dir.resolve("tls.key"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    keys.put("tlsCrt", "tls.crt");
    keys.put("tlsKey", "tls.key");
    return this;
  }

  /** Writes the files and locks the directory down; returns {@code daemon.yaml}. */
  public Path write() {
    requireRoot();
    try {
      Files.createDirectories(dir);
      StringBuilder yaml = new StringBuilder();
      keys.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
      if (!git.isEmpty()) {
        yaml.append("git:\n");
        git.forEach((k, v) -> yaml.append("  ").append(k).append(": \"").append(v).append("\"\n"));
      }
      for (Map.Entry<String, byte[]> extra : files.entrySet()) {
        Files.write(dir.resolve(extra.getKey()), extra.getValue());
      }
      Path file = dir.resolve("daemon.yaml");
      Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
      if (tls != null) {
        tls.accept(dir);
      }
      lockDown(dir);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** chown -R root:root, directories 0500, files 0400. */
  public static void lockDown(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        Files.setAttribute(p, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-x------" : "r--------"));
      }
    }
  }

  /** The daemon accepts only a root-owned configuration: these tests must run as root. */
  public static void requireRoot() {
    try {
      int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (uid != 0) {
        fail(
            "the daemon's configuration lockdown needs root-owned files: run the integration"
                + " tests as root (as CI does), e.g. sudo ./mvnw -B -pl stow-it -am verify");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
