package io.stow.engine.source.git;

import io.stow.engine.source.SourceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/** The refs an ls-remote returned. */
record RemoteHeads(Map<String, Ref> refs) {

  RemoteHeads {
    refs = Map.copyOf(refs);
  }

  /** The branch HEAD points at (symbolic), else the branch with HEAD's commit, else main. */
  String defaultBranch() {
    Ref head = refs.get("HEAD");
    if (head != null && head.isSymbolic()) {
      return head.getTarget().getName().replaceFirst("^refs/heads/", "");
    }
    if (head != null && head.getObjectId() != null) {
      for (String candidate : List.of("main", "master")) {
        Ref ref = refs.get("refs/heads/" + candidate);
        if (ref != null && head.getObjectId().equals(ref.getObjectId())) {
          return candidate;
        }
      }
      for (Ref ref : refs.values()) {
        if (ref.getName().startsWith("refs/heads/")
            && head.getObjectId().equals(ref.getObjectId())) {
          return ref.getName().substring("refs/heads/".length());
        }
      }
    }
    throw new SourceException(
        "the Git remote has no default branch (HEAD); set git.branch in the daemon"
            + " configuration");
  }

  Optional<String> commit(String branch) {
    Ref ref = refs.get("refs/heads/" + branch);
    return ref == null || ref.getObjectId() == null
        ? Optional.empty()
        : Optional.of(ref.getObjectId().name());
  }

  /** Whether a branch or tag points at {@code commit} (servers serve such commits by id). */
  boolean advertises(String commit) {
    ObjectId id = ObjectId.fromString(commit);
    return refs.values().stream()
        .anyMatch(
            ref ->
                id.equals(ref.getObjectId())
                    || (ref.getPeeledObjectId() != null && id.equals(ref.getPeeledObjectId())));
  }
}
