package io.stow.engine.source.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Checks an SSH server's host key against one OpenSSH {@code known_hosts} file (plain or hashed
 * host names, {@code [host]:port} for other ports). An unknown or changed key is refused, never
 * accepted or written down; the refusal is kept so the caller can say which key to pin.
 */
final class KnownHostsDatabase implements ServerKeyDatabase {

  /** A host key that was refused: where, and the key itself. */
  record Refusal(String host, int port, PublicKey key, boolean changed) {

    String hostPattern() {
      return port == 22 ? host : "[" + host + "]:" + port;
    }

    String describe(Path knownHosts) {
      String line = hostPattern() + " " + PublicKeyEntry.toString(key);
      return (changed
              ? "the SSH host key of " + hostPattern() + " is not the one pinned in "
              : "the SSH host key of " + hostPattern() + " is not in ")
          + knownHosts
          + " ("
          + KeyUtils.getKeyType(key)
          + " "
          + KeyUtils.getFingerPrint(key)
          + "); stow never accepts a host key by itself. If this is the server's key (compare the"
          + " fingerprint with ssh-keygen -lf on the server), pin it: echo '"
          + line
          + "' >> "
          + knownHosts;
    }
  }

  private final Path knownHosts;
  private final AtomicReference<Refusal> refusal = new AtomicReference<>();

  KnownHostsDatabase(Path knownHosts) {
    this.knownHosts = knownHosts;
  }

  /** The last refused host key, if any. */
  Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal.get());
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return keys(host(connectAddress), port(connectAddress, remoteAddress));
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    String host = host(connectAddress);
    int port = port(connectAddress, remoteAddress);
    List<PublicKey> pinned = keys(host, port);
    for (PublicKey key : pinned) {
      if (KeyUtils.compareKeys(key, serverKey)) {
        return true;
      }
    }
    refusal.set(new Refusal(host, port, serverKey, !pinned.isEmpty()));
    return false;
  }

  private List<PublicKey> keys(String host, int port) {
    List<PublicKey> keys = new ArrayList<>();
    if (!Files.isRegularFile(knownHosts)) {
      return keys;
    }
    try {
      for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
        if (entry.getMarker() == null && entry.isHostMatch(host, port)) {
          AuthorizedKeyEntry key = entry.getKeyEntry();
          keys.add(key.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read knownHosts " + knownHosts, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read a key in knownHosts " + knownHosts, e);
    }
    keys.removeIf(java.util.Objects::isNull);
    return keys;
  }

  /** {@code host} of {@code host}, {@code [host]:port} or {@code host:port}. */
  private static String host(String connectAddress) {
    String value = connectAddress;
    if (value.startsWith("[")) {
      return value.substring(1, value.indexOf(']'));
    }
    int colon = value.lastIndexOf(':');
    return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
  }

  private static int port(String connectAddress, InetSocketAddress remoteAddress) {
    return remoteAddress != null ? remoteAddress.getPort() : 22;
  }
}
