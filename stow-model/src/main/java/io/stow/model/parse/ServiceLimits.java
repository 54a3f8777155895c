package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.MemorySize;
import io.stow.model.RestartPolicy;
import io.stow.model.parse.Binding.Unknown;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * A service's restart policy and resource limits: {@code restart}, {@code mem_limit}, {@code cpus},
 * and the part of {@code deploy} that means something on one host ({@code resources.limits} memory
 * and cpus, {@code restart_policy.condition}); every other {@code deploy} key is Swarm's and an
 * error.
 */
final class ServiceLimits {

  private static final Set<String> DEPLOY_KEYS = Set.of("resources", "restart_policy");
  private static final Set<String> RESOURCES_KEYS = Set.of("limits");
  private static final Set<String> LIMITS_KEYS = Set.of("memory", "cpus");
  private static final Set<String> RESTART_POLICY_KEYS = Set.of("condition");

  private ServiceLimits() {}

  static void bind(Binding s, ContainerSpec.Builder spec) {
    Optional<RestartPolicy> restart =
        ContainerBinder.trimmed(s, "restart")
            .flatMap(p -> s.parse("restart", p, RestartPolicy::parse));
    Optional<MemorySize> memory =
        ContainerBinder.trimmed(s, "mem_limit")
            .flatMap(m -> s.parse("mem_limit", m, MemorySize::parse));
    Optional<BigDecimal> cpus = ContainerBinder.cpus(s, "cpus");
    Optional<Binding> deploy = deploy(s);
    Optional<Binding> limits =
        deploy
            .flatMap(d -> d.nested("resources", RESOURCES_KEYS, Unknown.COMPOSE))
            .flatMap(r -> r.nested("limits", LIMITS_KEYS, Unknown.COMPOSE));
    if (limits.isPresent()) {
      Binding l = limits.get();
      Optional<MemorySize> deployMemory =
          ContainerBinder.trimmed(l, "memory")
              .flatMap(m -> l.parse("memory", m, MemorySize::parse));
      Optional<BigDecimal> deployCpus = ContainerBinder.cpus(l, "cpus");
      memory = either(s, "mem_limit", memory, l, "memory", deployMemory);
      cpus = either(s, "cpus", cpus, l, "cpus", deployCpus);
    }
    Optional<RestartPolicy> deployRestart =
        deploy
            .flatMap(d -> d.nested("restart_policy", RESTART_POLICY_KEYS, Unknown.COMPOSE))
            .flatMap(ServiceLimits::condition);
    if (deployRestart.isPresent() && restart.isPresent() && !deployRestart.equals(restart)) {
      s.problem(
          "restart",
          "and deploy.restart_policy.condition disagree; keep one of them (restart is the"
              + " single-host one)");
    }
    restart.or(() -> deployRestart).ifPresent(spec::restartPolicy);
    memory.ifPresent(spec::memory);
    cpus.ifPresent(spec::cpus);
  }

  private static Optional<Binding> deploy(Binding s) {
    s.node("deploy")
        .filter(YamlNode.MapNode.class::isInstance)
        .map(n -> ((YamlNode.MapNode) n).entries().get("labels"))
        .ifPresent(
            labels ->
                s.findings()
                    .errors
                    .add(
                        new Problem(
                            s.findings().file,
                            s.child("deploy") + ".labels",
                            labels.line(),
                            labels.column(),
                            "deploy.labels label a Swarm service, which stow does not run; put"
                                + " container labels under the service's labels; see"
                                + " docs/compose.md")));
    return s.nested("deploy", union(DEPLOY_KEYS, "labels"), Unknown.COMPOSE);
  }

  /** Swarm's condition names: none, on-failure, any. */
  private static Optional<RestartPolicy> condition(Binding p) {
    return ContainerBinder.trimmed(p, "condition")
        .flatMap(
            condition ->
                switch (condition) {
                  case "none" -> Optional.of(new RestartPolicy(RestartPolicy.Mode.NO, 0));
                  case "on-failure" ->
                      Optional.of(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 0));
                  case "any" -> Optional.of(new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0));
                  default -> {
                    p.problem("condition", "must be none, on-failure or any");
                    yield Optional.empty();
                  }
                });
  }

  /** A limit given once, either at the service or under deploy; both must agree. */
  private static <T> Optional<T> either(
      Binding s, String key, Optional<T> value, Binding l, String deployKey, Optional<T> deployed) {
    if (value.isPresent() && deployed.isPresent() && !equal(value.get(), deployed.get())) {
      l.problem(deployKey, "and the service's " + key + " disagree; set the limit in one place");
    }
    return value.or(() -> deployed);
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof MemorySize x && b instanceof MemorySize y) {
      return x.bytes() == y.bytes();
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  private static Set<String> union(Set<String> keys, String extra) {
    java.util.Set<String> all = new java.util.HashSet<>(keys);
    all.add(extra);
    return all;
  }
}
