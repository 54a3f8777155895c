package io.stow.engine.steps;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerOperationException;
import io.stow.docker.ImageBuild;
import io.stow.engine.BuildReport;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.StepName;
import io.stow.hash.DeploymentHasher;
import io.stow.model.BuildSpec;
import io.stow.model.ContainerSpec;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the image of every container the plan replaces that runs from the deployment folder
 * (Compose's {@code build}), before anything running is touched: a failed build fails the reconcile
 * with the host unchanged. The image is tagged {@code stow/<project>-<service>:<build tag>}, where
 * the build tag is the first 12 hex digits of SHA-256 over the build's definition and the content
 * of its context, so exactly a change to either builds again; a tag that exists is not built twice.
 * The build's output goes to the progress events and the report, with the deployment's {@code .env}
 * values masked.
 */
final class BuildStep implements Step<Prepared, Prepared> {

  /** Lines of a build's output the report keeps. */
  static final int REPORTED_LINES = 50;

  private final DockerHost docker;
  private final RunRecorder recorder;

  BuildStep(DockerHost docker, RunRecorder recorder) {
    this.docker = docker;
    this.recorder = recorder;
  }

  @Override
  public StepName name() {
    return StepName.BUILD;
  }

  @Override
  public Prepared run(Prepared prepared) throws IOException {
    Target target = prepared.target();
    Map<String, ContainerCreateRequest> requests = new LinkedHashMap<>(prepared.requests());
    Map<String, String> builtByTag = new LinkedHashMap<>();
    for (Map.Entry<String, ContainerCreateRequest> entry : prepared.requests().entrySet()) {
      ContainerSpec spec = entry.getValue().spec();
      if (spec.build().isEmpty()) {
        continue;
      }
      BuildSpec build = spec.build().get();
      Path context = target.folder().resolve(build.context()).normalize();
      String tag = build.repository() + ":" + buildTag(build, context);
      if (!builtByTag.containsKey(tag)) {
        build(spec, build, context, tag, target);
        builtByTag.put(tag, spec.name());
      }
      requests.put(entry.getKey(), entry.getValue().withImage(tag));
    }
    return new Prepared(target, prepared.plan(), requests);
  }

  private void build(ContainerSpec spec, BuildSpec build, Path context, String tag, Target target) {
    if (docker.localImagePresent(tag)) {
      recorder.emit(new ReconcileEvent.ImageBuilt(spec.name(), tag, false));
      recorder.build(new BuildReport(spec.name(), tag, false, List.of(), Optional.empty()));
      return;
    }
    List<String> secrets =
        target.descriptor().redactions().stream()
            .filter(v -> v.length() >= 3)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    Deque<String> last = new ArrayDeque<>();
    ImageBuild request =
        new ImageBuild(
            context,
            build.dockerfile(),
            build.args(),
            build.target(),
            spec.runtime().platform(),
            tag,
            Map.of(StowLabels.DEPLOYMENT, target.deploymentName()));
    try {
      docker.build(
          request,
          line -> {
            String masked = mask(line, secrets);
            synchronized (last) {
              last.addLast(masked);
              if (last.size() > REPORTED_LINES) {
                last.removeFirst();
              }
            }
            recorder.emit(new ReconcileEvent.BuildOutput(spec.name(), masked));
          });
    } catch (DockerOperationException e) {
      String why = mask(e.getMessage(), secrets);
      recorder.build(
          new BuildReport(spec.name(), tag, false, new ArrayList<>(last), Optional.of(why)));
      throw new StepFailure(
          "the image of container "
              + spec.name()
              + " (build "
              + build.context()
              + ") failed to build: "
              + why
              + "; nothing was changed: fix the build and deploy again",
          e);
    }
    recorder.emit(new ReconcileEvent.ImageBuilt(spec.name(), tag, true));
    recorder.build(
        new BuildReport(spec.name(), tag, true, new ArrayList<>(last), Optional.empty()));
  }

  /** The build tag: 12 hex digits of SHA-256 over the definition and the context's content. */
  static String buildTag(BuildSpec build, Path context) throws IOException {
    String input = build.definitionHash() + "\0" + DeploymentHasher.treeHash(context);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  private static String mask(String text, List<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, "***");
    }
    return out;
  }
}
