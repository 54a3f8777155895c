package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Network;
import io.stow.model.IpamPool;
import io.stow.model.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates labelled bridge networks unless a network of that name exists. */
final class Networks {

  private final DockerClient client;
  private final DockerErrors errors;

  Networks(DockerClient client, DockerErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  /** Creates the network as configured unless it exists; an external one must exist. */
  void ensure(NetworkSpec network, Map<String, String> labels) {
    String name = network.name();
    try {
      if (exists(name)) {
        return;
      }
      if (network.external()) {
        throw new DockerOperationException(
            "create network",
            name,
            "the network is external (it must exist) but Docker has no network of that name;"
                + " create it (docker network create "
                + name
                + ") or drop external");
      }
      Map<String, String> all = new LinkedHashMap<>(network.labels());
      all.putAll(labels);
      CreateNetworkCmd cmd =
          client
              .createNetworkCmd()
              .withName(name)
              .withDriver(network.driver())
              .withOptions(new LinkedHashMap<>(network.options()))
              .withLabels(all)
              .withCheckDuplicate(true);
      if (network.internal()) {
        cmd.withInternal(true);
      }
      if (network.enableIpv6()) {
        cmd.withEnableIpv6(true);
      }
      if (!network.ipam().isEmpty()) {
        cmd.withIpam(
            new Network.Ipam().withConfig(network.ipam().stream().map(Networks::pool).toList()));
      }
      cmd.exec();
    } catch (ConflictException e) {
      // created concurrently: it exists now, which is what was asked
    } catch (DockerOperationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.translate("create network", name, e);
    }
  }

  private static Network.Ipam.Config pool(IpamPool pool) {
    Network.Ipam.Config config = new Network.Ipam.Config().withSubnet(pool.subnet().toString());
    pool.gateway().ifPresent(config::withGateway);
    pool.ipRange().ifPresent(r -> config.withIpRange(r.toString()));
    return config;
  }

  void ensure(String name, Map<String, String> labels) {
    try {
      if (exists(name)) {
        return;
      }
      client
          .createNetworkCmd()
          .withName(name)
          .withDriver("bridge")
          .withLabels(new LinkedHashMap<>(labels))
          .withCheckDuplicate(true)
          .exec();
    } catch (ConflictException e) {
      // created concurrently: it exists now, which is what was asked
    } catch (RuntimeException e) {
      throw errors.translate("create network", name, e);
    }
  }

  boolean exists(String name) {
    // the name filter matches substrings, so compare exactly
    return client.listNetworksCmd().withNameFilter(name).exec().stream()
        .anyMatch(n -> name.equals(n.getName()));
  }
}
