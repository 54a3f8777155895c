package io.stow.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.model.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the text of a {@code stow.yaml} the way a user would, so integration tests go through the
 * real descriptor parser. Scalars are written as JSON strings (YAML is a superset of JSON), which
 * keeps quoting right for any value.
 */
public final class StowYaml {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String deployment;
  private String timeout = "15s";
  private String stable = "2s";
  private String daemonBaseUrl;
  private final List<Container> containers = new ArrayList<>();

  private StowYaml(String deployment) {
    this.deployment = deployment;
  }

  public static StowYaml deployment(String name) {
    return new StowYaml(name);
  }

  /** {@code deployment.verify}; defaults to 15s / 2s. */
  public StowYaml verify(String timeout, String stable) {
    this.timeout = timeout;
    this.stable = stable;
    return this;
  }

  /** {@code deployment.daemonBaseUrl}, which the deploy-repo pipeline triggers. */
  public StowYaml daemonBaseUrl(String url) {
    this.daemonBaseUrl = url;
    return this;
  }

  public StowYaml container(Container container) {
    containers.add(container);
    return this;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("deployment:\n");
    out.append("  name: ").append(quote(deployment)).append('\n');
    if (daemonBaseUrl != null) {
      out.append("  daemonBaseUrl: ").append(quote(daemonBaseUrl)).append('\n');
    }
    out.append("  verify:\n");
    out.append("    timeout: ").append(timeout).append('\n');
    out.append("    stable: ").append(stable).append('\n');
    if (containers.isEmpty()) {
      out.append("containers: []\n");
      return out.toString();
    }
    out.append("containers:\n");
    containers.forEach(c -> c.render(out));
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /** One entry of {@code containers}. Every container stops within 1 s by default. */
  public static final class Container {
    private final String name;
    private final ImageRef image;
    private List<String> command = List.of();
    private String restartPolicy;
    private String stopTimeout = "1s";
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> envFiles = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<String> publish = new ArrayList<>();
    private String healthcheck;

    private Container(String name, ImageRef image) {
      this.name = name;
      this.image = image;
    }

    public static Container of(String name, ImageRef image) {
      return new Container(name, image);
    }

    /** {@code command: [...]} (the image has no entrypoint, so this is the whole command line). */
    public Container command(String... words) {
      command = List.of(words);
      return this;
    }

    /** {@code sh -c SCRIPT}. */
    public Container shell(String script) {
      return command("sh", "-c", script);
    }

    public Container restartPolicy(String policy) {
      restartPolicy = policy;
      return this;
    }

    public Container stopTimeout(String value) {
      stopTimeout = value;
      return this;
    }

    public Container env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Container envFile(String path) {
      envFiles.add(path);
      return this;
    }

    public Container volume(String source, String target, boolean readOnly) {
      volumes.add(
          "{source: "
              + quote(source)
              + ", target: "
              + quote(target)
              + ", readOnly: "
              + readOnly
              + "}");
      return this;
    }

    /** {@code publish: [...]}, as {@code docker run -p} takes each entry. */
    public Container publish(String... entries) {
      publish.addAll(List.of(entries));
      return this;
    }

    /** A healthcheck running {@code test} (a CMD list) every {@code interval}. */
    public Container healthcheck(List<String> test, String interval, int retries) {
      healthcheck =
          "{test: "
              + list(test)
              + ", interval: "
              + interval
              + ", timeout: 2s, retries: "
              + retries
              + "}";
      return this;
    }

    void render(StringBuilder out) {
      out.append("  - name: ").append(quote(name)).append('\n');
      out.append("    image: ").append(quote(image.toString())).append('\n');
      if (!command.isEmpty()) {
        out.append("    command: ").append(list(command)).append('\n');
      }
      if (restartPolicy != null) {
        out.append("    restartPolicy: ").append(quote(restartPolicy)).append('\n');
      }
      if (stopTimeout != null) {
        out.append("    stopTimeout: ").append(stopTimeout).append('\n');
      }
      if (!publish.isEmpty()) {
        out.append("    publish: ").append(list(publish)).append('\n');
      }
      if (!envFiles.isEmpty()) {
        out.append("    envFiles: ").append(list(envFiles)).append('\n');
      }
      if (!env.isEmpty()) {
        out.append("    env:\n");
        env.forEach(
            (k, v) -> out.append("      ").append(k).append(": ").append(quote(v)).append('\n'));
      }
      if (!volumes.isEmpty()) {
        out.append("    volumes:\n");
        volumes.forEach(v -> out.append("      - ").append(v).append('\n'));
      }
      if (healthcheck != null) {
        out.append("    healthcheck: ").append(healthcheck).append('\n');
      }
    }
  }

  static String list(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
