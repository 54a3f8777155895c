package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;
import io.stow.model.ObservedContainer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's list answer, read into what the planner needs; the engine is a canned answer. */
class ContainerListTest {

  private static final String ANSWER =
      """
      [
        {"Id": "b2", "Names": ["/worker"], "Image": "127.0.0.1:5000/w@sha256:ab",
         "Labels": {"stow.deployment": "demo", "stow.hash": "v1:1"}, "State": "exited",
         "Status": "Exited (137) 3 minutes ago", "Ports": [], "Mounts": []},
        {"Id": "a1", "Names": ["/web"], "Image": "127.0.0.1:5000/web:1@sha256:cd",
         "Labels": {"stow.deployment": "demo"}, "State": "restarting",
         "Status": "Restarting (1) 2 seconds ago", "HostConfig": {"NetworkMode": "bridge"}},
        {"Id": "c3", "Names": null, "Image": null, "Labels": null, "State": null}
      ]
      """;

  private final List<DockerHttpClient.Request> requests = new ArrayList<>();

  private ContainerList answering(int status, String body, String apiPrefix) {
    DockerHttpClient http =
        new DockerHttpClient() {
          @Override
          public Response execute(Request request) {
            requests.add(request);
            return new Response() {
              @Override
              public int getStatusCode() {
                return status;
              }

              @Override
              public Map<String, List<String>> getHeaders() {
                return Map.of();
              }

              @Override
              public InputStream getBody() {
                return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
              }

              @Override
              public void close() {}
            };
          }

          @Override
          public void close() {}
        };
    return new ContainerList(http, new ObjectMapper(), apiPrefix);
  }

  @Test
  void readsEachContainerSortedByName_withTheStatesThePlannerNeeds() {
    List<ObservedContainer> listed =
        answering(200, ANSWER, "").labelled(Map.of("stow.deployment", "demo"));

    assertThat(listed).extracting(ObservedContainer::name).containsExactly("", "web", "worker");
    ObservedContainer web = listed.get(1);
    assertThat(web.id()).isEqualTo("a1");
    assertThat(web.image()).isEqualTo("127.0.0.1:5000/web:1@sha256:cd");
    assertThat(web.labels()).containsExactly(Map.entry("stow.deployment", "demo"));
    assertThat(web.running()).isTrue();
    assertThat(web.restarting()).isTrue();
    ObservedContainer worker = listed.get(2);
    assertThat(worker.running()).isFalse();
    assertThat(worker.exitCode()).isEqualTo(Optional.of(137));
    assertThat(worker.label("stow.hash")).contains("v1:1");
    ObservedContainer bare = listed.get(0);
    assertThat(bare.status()).isEqualTo("unknown");
    assertThat(bare.image()).isEmpty();
    assertThat(bare.labels()).isEmpty();
  }

  @Test
  void asksForEveryContainerWithAllTheLabels_underThePinnedApiVersion() {
    answering(200, "[]", "/v1.41").labelled(Map.of("b", "2", "a", "1=x"));

    DockerHttpClient.Request request = requests.get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).startsWith("/v1.41/containers/json?all=true&filters=");
    String filters =
        URLDecoder.decode(
            request.path().substring(request.path().indexOf("filters=") + 8),
            StandardCharsets.UTF_8);
    assertThat(filters).isEqualTo("{\"label\":[\"a=1=x\",\"b=2\"]}");
  }

  @Test
  void anotherStatus_isADockerErrorWithTheEnginesMessage() {
    ContainerList list = answering(500, "{\"message\":\"engine on fire\"}", "");

    assertThatThrownBy(() -> list.labelled(Map.of("stow.deployment", "demo")))
        .isInstanceOfSatisfying(
            DockerException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(500))
        .hasMessageContaining("engine on fire");
    assertThat(
            DockerErrors.dockerMessage(
                catchDocker(() -> list.labelled(Map.of("stow.deployment", "demo")))))
        .isEqualTo("Docker answered 500: engine on fire");
  }

  @Test
  void anAnswerThatIsNotAList_isAnError() {
    assertThatThrownBy(() -> answering(200, "{}", "").labelled(Map.of()))
        .isInstanceOf(DockerException.class)
        .hasMessageContaining("not a JSON array");
  }

  private static DockerException catchDocker(Runnable call) {
    try {
      call.run();
    } catch (DockerException e) {
      return e;
    }
    throw new AssertionError("no DockerException");
  }
}
