package io.stow.engine;

import io.stow.model.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Returns descriptors built in code, looked up by the exact content of the stow.yaml file. */
public final class FakeDescriptorLoader implements DescriptorLoader {

  private final Map<String, Descriptor> byContent = new HashMap<>();
  private int loads;

  public void register(String yaml, Descriptor descriptor) {
    byContent.put(yaml, descriptor);
  }

  public int loads() {
    return loads;
  }

  @Override
  public Descriptor load(Path stowYaml) throws IOException {
    loads++;
    String content = Files.readString(stowYaml);
    Descriptor descriptor = byContent.get(content);
    if (descriptor == null) {
      throw new IllegalArgumentException(stowYaml + ":1:1: unknown test descriptor");
    }
    return descriptor;
  }
}
