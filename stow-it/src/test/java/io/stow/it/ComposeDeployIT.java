package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a Compose project with a built service, a pinned image, a named volume, a healthcheck
 * and {@code depends_on: service_healthy} deploys on the real engine, verifies, and survives a
 * redeploy with its volume's data intact; a broken build fails before anything running is touched,
 * and an unhealthy service rolls back with the old containers serving.
 */
class ComposeDeployIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final TestImages images = TestImages.get();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @TempDir Path tmp;

  private String project() {
    return docker.name("shop");
  }

  private String compose(String dbHealth) {
    return """
        name: %s
        x-stow:
          verify: {timeout: 60s, stable: 2s}
        services:
          web:
            build:
              context: ./web
              args:
                GREETING: ${GREETING}
            command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
            ports: ["127.0.0.1::8080"]
            depends_on:
              db:
                condition: service_healthy
            healthcheck:
              # reaches the db by its service name on the project network
              test: ["CMD", "wget", "-q", "-O-", "http://db:9000/log"]
              interval: 1s
              timeout: 2s
              retries: 5
          db:
            image: %s
            command: ["sh", "-c", "echo started >> /data/log && exec httpd -f -p 9000 -h /data"]
            ports: ["127.0.0.1::9000"]
            volumes:
              - data:/data
            healthcheck:
              test: %s
              interval: 1s
              timeout: 2s
              retries: 2
        volumes:
          data:
        """
        .formatted(project(), images.first(), dbHealth);
  }

  private static final String HEALTHY =
      "[\"CMD\", \"wget\", \"-q\", \"-O-\", \"http://127.0.0.1:9000/log\"]";

  private DeploymentFolder folder(String greeting) {
    return DeploymentFolder.at(tmp.resolve("shop"))
        .file("compose.yaml", compose(HEALTHY))
        .file(".env", "GREETING=" + greeting + "\n")
        .file(
            "web/Dockerfile",
            "FROM "
                + images.first()
                + "\nARG GREETING=none\nCOPY site/ /www/\nRUN echo \"$GREETING\" > /www/greeting.txt\n")
        .file("web/site/index.html", "shop v1\n");
  }

  @Test
  void composeProjectDeploysRedeploysKeepsItsVolumeAndRollsBack() throws Exception {
    EmbeddedStow stow = EmbeddedStow.on(docker, tmp.resolve("state"));
    DeploymentFolder folder = folder("hello");

    // 1. deploy: db first, healthy, then the built web
    ReconcileReport first = stow.reconcile(folder.path());
    String web = project() + "-web-1";
    String db = project() + "-db-1";
    assertThat(first.deploymentName()).contains(project());
    assertThat(first.builds()).singleElement().satisfies(b -> assertThat(b.built()).isTrue());
    String firstTag = first.builds().get(0).tag();
    assertThat(firstTag).matches("stow/" + project() + "-web:[0-9a-f]{12}");
    assertThat(get(web, 8080, "/index.html")).isEqualTo("shop v1\n");
    assertThat(get(web, 8080, "/greeting.txt")).isEqualTo("hello\n");
    assertThat(get(db, 9000, "/log")).isEqualTo("started\n");
    assertThat(stow.events(ReconcileEvent.DependencyReady.class))
        .extracting(ReconcileEvent.DependencyReady::dependency)
        .containsExactly(db);
    InspectContainerResponse webState = docker.client().inspectContainerCmd(web).exec();
    assertThat(webState.getConfig().getLabels())
        .containsEntry("com.docker.compose.project", project())
        .containsEntry("com.docker.compose.service", "web")
        .containsEntry("com.docker.compose.container-number", "1")
        .containsEntry("com.docker.compose.oneoff", "False")
        .containsEntry("stow.deployment", project());
    assertThat(webState.getConfig().getImage()).isEqualTo(firstTag);
    InspectVolumeResponse volume = docker.client().inspectVolumeCmd(project() + "_data").exec();
    assertThat(volume.getLabels())
        .containsEntry("com.docker.compose.project", project())
        .containsEntry("com.docker.compose.volume", "data");
    assertThat(docker.client().inspectNetworkCmd().withNetworkId(project() + "_default").exec())
        .isNotNull();

    // 2. redeploy with new sources: rebuilt, every container replaced, the volume's data kept
    folder.file("web/site/index.html", "shop v2\n");
    ReconcileReport second = stow.reconcile(folder.path());
    String secondTag = second.builds().get(0).tag();
    assertThat(secondTag).isNotEqualTo(firstTag);
    assertThat(get(web, 8080, "/index.html")).isEqualTo("shop v2\n");
    assertThat(get(db, 9000, "/log")).isEqualTo("started\nstarted\n");

    // 3. a broken build fails before anything running is touched
    Map<String, String> before = ids(web, db);
    folder.file("web/Dockerfile", "FROM " + images.first() + "\nRUN echo broken build && exit 3\n");
    ReconcileException broken = stow.reconcileFailing(folder.path());
    assertThat(broken.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(broken.getMessage()).contains(web, "failed to build", "non-zero code: 3");
    assertThat(broken.report().builds().get(0).output()).contains("broken build");
    assertThat(stow.events(ReconcileEvent.BuildOutput.class))
        .extracting(ReconcileEvent.BuildOutput::line)
        .contains("broken build");
    assertThat(ids(web, db)).isEqualTo(before);
    assertThat(get(web, 8080, "/index.html")).isEqualTo("shop v2\n");

    // 4. an unhealthy db: web waits for it, the apply fails, the old deployment comes back
    folder.file(
        "web/Dockerfile",
        "FROM "
            + images.first()
            + "\nARG GREETING=none\nCOPY site/ /www/\nRUN echo \"$GREETING\" > /www/greeting.txt\n");
    folder.file("compose.yaml", compose("[\"CMD\", \"false\"]"));
    ReconcileException unhealthy = stow.reconcileFailing(folder.path());
    assertThat(unhealthy.status())
        .as(unhealthy.getMessage())
        .isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    assertThat(unhealthy.getMessage()).contains(web + " depends on " + db, "unhealthy");
    assertThat(docker.client().inspectContainerCmd(web).exec().getConfig().getImage())
        .isEqualTo(secondTag);
    assertThat(get(web, 8080, "/index.html")).isEqualTo("shop v2\n");
    assertThat(get(db, 9000, "/log")).startsWith("started\nstarted\n");
  }

  private Map<String, String> ids(String... names) {
    java.util.Map<String, String> ids = new java.util.TreeMap<>();
    for (String name : names) {
      ids.put(name, docker.client().inspectContainerCmd(name).exec().getId());
    }
    return ids;
  }

  /** GET from the host port Docker published the container's {@code port} on. */
  private String get(String container, int port, String path) throws Exception {
    Ports.Binding[] bindings =
        docker
            .client()
            .inspectContainerCmd(container)
            .exec()
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(port));
    assertThat(bindings).as("published ports of %s", container).isNotEmpty();
    URI uri = URI.create("http://127.0.0.1:" + bindings[0].getHostPortSpec() + path);
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
      } catch (IOException e) {
        last = e; // the port may not accept yet right after a start
        Thread.sleep(250);
      }
    }
    throw new AssertionError("GET " + uri + " failed", last);
  }
}
