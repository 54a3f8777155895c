package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
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

  private boolean exists(String name) {
    // the name filter matches substrings, so compare exactly
    return client.listNetworksCmd().withNameFilter(name).exec().stream()
        .anyMatch(n -> name.equals(n.getName()));
  }
}
