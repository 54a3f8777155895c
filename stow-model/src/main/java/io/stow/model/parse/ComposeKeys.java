package io.stow.model.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Compose keys stow reads, and why it refuses the Compose keys it does not: every key is either
 * read, an {@code x-*} extension, or an error that names it (never silently ignored).
 */
final class ComposeKeys {

  static final Set<String> TOP =
      Set.of("services", "volumes", "secrets", "networks", "version", "name");

  static final Set<String> SERVICE =
      Set.of(
          "ports",
          "image",
          "volumes",
          "restart",
          "environment",
          "build",
          "networks",
          "depends_on",
          "command",
          "secrets",
          "container_name",
          "expose",
          "healthcheck",
          "stop_signal",
          "cap_add",
          "hostname",
          "platform",
          "stdin_open",
          "sysctls",
          "labels",
          "deploy",
          "user",
          "network_mode",
          "entrypoint",
          "env_file",
          "working_dir",
          "cap_drop",
          "mem_limit",
          "cpus",
          "logging",
          "init",
          "tty",
          "extra_hosts",
          "dns",
          "read_only",
          "tmpfs",
          "security_opt",
          "stop_grace_period",
          "ulimits",
          "profiles");

  private static final Map<String, String> UNSUPPORTED = new HashMap<>();

  static {
    reason(
        "Swarm-only: stow runs one Docker host, not a Swarm",
        List.of("configs", "replicas", "placement", "update_config", "rollback_config"));
    reason(
        "Swarm-only: stow runs one Docker host",
        List.of("endpoint_mode", "mode", "credential_spec", "isolation", "uid", "gid"));
    reason(
        "Docker sets it from API 1.44 (Engine 25) on; leave it out, interval applies from the"
            + " start",
        List.of("start_interval"));
    reason(
        "another container runtime is host setup stow does not manage; remove it",
        List.of("runtime"));
    reason(
        "stow runs one container per service; declare another service for another container",
        List.of("scale"));
    reason(
        "write the service out in full, or share settings with YAML anchors and merge keys (<<)",
        List.of("extends", "include"));
    reason(
        "legacy links are not supported; services reach each other by name on the project's"
            + " networks",
        List.of("links", "external_links"));
    reason(
        "share data through a named volume mounted by both services instead",
        List.of("volumes_from"));
    reason(
        "privileged containers are not supported; add just the capabilities needed with cap_add",
        List.of("privileged"));
    reason(
        "access to host devices and host namespaces is not supported",
        List.of(
            "devices",
            "device_cgroup_rules",
            "pid",
            "ipc",
            "uts",
            "userns_mode",
            "cgroup",
            "cgroup_parent",
            "gpus"));
    reason(
        "this resource setting is not supported; limit memory and CPUs with mem_limit and cpus"
            + " (or deploy.resources.limits)",
        List.of(
            "shm_size",
            "mem_reservation",
            "memswap_limit",
            "mem_swappiness",
            "oom_kill_disable",
            "oom_score_adj",
            "cpu_shares",
            "cpu_quota",
            "cpu_period",
            "cpu_rt_runtime",
            "cpu_rt_period",
            "cpuset",
            "cpu_count",
            "cpu_percent",
            "blkio_config",
            "pids_limit",
            "storage_opt",
            "reservations"));
    reason(
        "stow pulls each image by its pinned digest when it is missing, or builds it",
        List.of("pull_policy"));
    reason(
        "stow does not read this key",
        List.of(
            "domainname",
            "mac_address",
            "dns_search",
            "dns_opt",
            "group_add",
            "annotations",
            "attach",
            "develop",
            "external",
            "driver",
            "driver_opts",
            "env_from",
            "label_file",
            "models",
            "use_api_socket",
            "post_start",
            "pre_stop",
            "provider",
            "volumes_from",
            "stop_timeout"));
  }

  private ComposeKeys() {}

  private static void reason(String why, List<String> keys) {
    keys.forEach(k -> UNSUPPORTED.putIfAbsent(k, why));
  }

  /** Why stow refuses this Compose key, when it is one stow knows Compose has. */
  static Optional<String> unsupported(String key) {
    return Optional.ofNullable(UNSUPPORTED.get(key));
  }
}
