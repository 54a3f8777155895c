package io.stow.docker;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a host port is free, found by binding it for a moment (TCP or UDP). */
final class HostPorts {

  private HostPorts() {}

  static boolean free(String hostIp, int port, String protocol) {
    InetSocketAddress address;
    try {
      address =
          hostIp.isEmpty()
              ? new InetSocketAddress(port)
              : new InetSocketAddress(InetAddress.getByName(hostIp), port);
    } catch (IOException e) {
      return true; // not an address of this host: Docker will say so at create
    }
    try {
      switch (protocol) {
        case "tcp" -> {
          try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
          }
        }
        case "udp" -> {
          try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(address);
          }
        }
        default -> {
          return true; // sctp: no portable probe
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
