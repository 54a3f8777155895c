package io.stow.engine.suggest;

import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.RepositoryFile;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import io.stow.model.edit.ComposeImageEditor;
import io.stow.model.edit.ImageEdit;
import io.stow.model.edit.ImageEditor;
import io.stow.model.parse.ComposeParser;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.ManifestFiles;
import io.stow.model.parse.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The image edit of one container in the deployment folder's manifest at a commit: the folder's
 * stow.yaml, or its Compose file (where the container is the Compose service name), found by the
 * names and the one-manifest rule of {@link ManifestFiles}. The edited text is parsed as a
 * deployment before anything is proposed, so an edit that would not validate never reaches a merge
 * request.
 *
 * @param path the manifest's path in the repository, e.g. {@code host/compose.yaml}
 * @param before the manifest's text at the commit
 * @param daemonBaseUrl the edited manifest's {@code deployment.daemonBaseUrl} or {@code
 *     x-stow.daemonBaseUrl}, for the badge
 */
record ManifestEdit(String path, String before, ImageEdit edit, Optional<String> daemonBaseUrl) {

  ManifestEdit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(edit, "edit");
    Objects.requireNonNull(daemonBaseUrl, "daemonBaseUrl");
  }

  /** Where a commit is, for messages: {@code main (abc123) of ops/deployments}. */
  record At(String ref, String sha, String project) {
    @Override
    public String toString() {
      return ref + " (" + sha + ") of " + project;
    }
  }

  /**
   * Reads the manifest of {@code request}'s subfolder at {@code at} and sets the container's image
   * to {@code newImage}.
   *
   * @throws SuggestImageException when the folder holds no manifest
   * @throws DescriptorException when it holds several, the image cannot be edited alone, or the
   *     edited manifest does not validate
   */
  static ManifestEdit read(
      GitLabApi gitlab, At at, SuggestImageRequest request, String newImage, Notes notes) {
    List<RepositoryFile> present = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : ManifestFiles.names()) {
      Optional<RepositoryFile> file = gitlab.findFile(request.manifestPath(name), at.sha());
      if (file.isPresent()) {
        present.add(file.get());
        names.add(name);
      }
    }
    if (present.size() > 1) {
      throw ManifestFiles.moreThanOne(request.manifestPath(names.get(1)), names);
    }
    if (present.isEmpty()) {
      throw new SuggestImageException(
          request.subfolder()
              + " holds no "
              + ManifestFiles.expected()
              + " at "
              + at
              + "; check --subfolder");
    }
    String path = request.manifestPath(names.get(0));
    String before = present.get(0).text();
    notes.info("read " + path + " at " + at.ref() + " (" + at.sha() + ")");
    if (!ManifestFiles.isCompose(names.get(0))) {
      ImageEdit edit = ImageEditor.replaceImage(path, before, request.container(), newImage);
      Descriptor descriptor =
          DescriptorParser.parse(path, edit.content().getBytes(StandardCharsets.UTF_8));
      return new ManifestEdit(path, before, edit, descriptor.deployment().daemonBaseUrl());
    }
    ImageEdit edit = ComposeImageEditor.replaceImage(path, before, request.container(), newImage);
    Descriptor descriptor =
        ComposeParser.read(
                path,
                edit.content().getBytes(StandardCharsets.UTF_8),
                variables(gitlab, at, request, notes),
                new ComposeParser.Options(request.folderName(), Set.of()))
            .descriptor();
    refuseBuilt(path, edit, descriptor, request.container());
    return new ManifestEdit(path, before, edit, descriptor.deployment().daemonBaseUrl());
  }

  /**
   * The variables of the {@code .env} beside the Compose file, as the daemon interpolates them; a
   * {@code .env} that cannot be read here (SOPS-encrypted: suggest-image holds no keys) leaves the
   * check without variables.
   */
  private static Map<String, String> variables(
      GitLabApi gitlab, At at, SuggestImageRequest request, Notes notes) {
    String path = request.manifestPath(ComposeParser.DOTENV);
    Optional<RepositoryFile> dotenv = gitlab.findFile(path, at.sha());
    if (dotenv.isEmpty()) {
      return Map.of();
    }
    try {
      return ComposeParser.variables(path, dotenv.get().content());
    } catch (DescriptorException e) {
      // its problem is not passed on: the file holds the deployment's secrets
      notes.info(
          path
              + " cannot be read without keys (SOPS-encrypted or not dotenv text); the edited"
              + " Compose file is checked without its variables");
      return Map.of();
    }
  }

  /** A service with a build runs what stow builds: its {@code image:} is never deployed. */
  private static void refuseBuilt(
      String path, ImageEdit edit, Descriptor descriptor, String service) {
    for (ContainerSpec container : descriptor.containers()) {
      if (service.equals(container.labels().get(StowLabels.COMPOSE_SERVICE))
          && container.build().isPresent()) {
        throw new DescriptorException(
            List.of(
                new Problem(
                    path,
                    "services." + service + ".image",
                    edit.line(),
                    edit.column(),
                    "service '"
                        + service
                        + "' has a build: stow deploys what it builds, not this image; remove"
                        + " build: to deploy a registry image")));
      }
    }
  }
}
