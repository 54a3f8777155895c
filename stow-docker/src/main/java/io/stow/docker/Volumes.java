package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.stow.model.NamedVolumeSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates named volumes unless they exist: an existing volume is kept as it is, with its data,
 * whatever its labels (a volume from an earlier Compose run is taken over, not replaced).
 */
final class Volumes {

  private final DockerClient client;
  private final DockerErrors errors;

  Volumes(DockerClient client, DockerErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  void ensure(NamedVolumeSpec volume, Map<String, String> labels) {
    if (exists(volume.name())) {
      return;
    }
    if (volume.external()) {
      throw new DockerOperationException(
          "create volume",
          volume.name(),
          "the volume is external (it must exist) but Docker has no volume of that name; create"
              + " it (docker volume create "
              + volume.name()
              + ") or drop external");
    }
    Map<String, String> all = new LinkedHashMap<>(volume.labels());
    all.putAll(labels);
    try {
      client
          .createVolumeCmd()
          .withName(volume.name())
          .withDriver(volume.driver())
          .withDriverOpts(new LinkedHashMap<>(volume.driverOptions()))
          .withLabels(all)
          .exec();
    } catch (RuntimeException e) {
      throw errors.translate("create volume", volume.name(), e);
    }
  }

  boolean exists(String name) {
    try {
      client.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw errors.translate("inspect volume", name, e);
    }
  }
}
