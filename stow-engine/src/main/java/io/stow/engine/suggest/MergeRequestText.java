package io.stow.engine.suggest;

import java.util.Optional;

/**
 * The title and description of a suggestion merge request: what changes, the convergence badge of
 * the suggested commit when the deployment names its daemon, and the changelog lines.
 */
record MergeRequestText(String title, String description) {

  static MergeRequestText of(
      String subfolder,
      String container,
      Tags tags,
      String commit,
      Optional<String> daemonBaseUrl,
      Optional<String> changelog) {
    String target = subfolder + "/" + container;
    String title;
    StringBuilder body = new StringBuilder();
    if (!tags.from().equals(tags.to())) {
      title = "Bump " + target + " to " + tags.to();
      body.append("Version update for `")
          .append(target)
          .append("` from `")
          .append(tags.from())
          .append("` to `")
          .append(tags.to())
          .append("`.");
    } else {
      title = "Digest refresh for " + target + " (" + tags.to() + ")";
      body.append("Digest-only refresh for `")
          .append(target)
          .append("` (tag `")
          .append(tags.to())
          .append("`).\n\n- Previous digest: `")
          .append(tags.fromDigest())
          .append("`\n- Proposed digest: `")
          .append(tags.toDigest())
          .append('`');
    }
    body.append("\n\nImage: `").append(tags.image()).append('`');
    daemonBaseUrl
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .ifPresent(
            url -> {
              String base = url.replaceAll("/+$", "");
              body.append("\n\n[![stow](")
                  .append(base)
                  .append("/gitlab.svg?git_hash=")
                  .append(commit)
                  .append(")](")
                  .append(base)
                  .append("/status?head_hash=")
                  .append(commit)
                  .append(')');
            });
    changelog.ifPresent(
        lines -> body.append("\n\nChangelog:\n```markdown\n").append(lines).append("\n```"));
    return new MergeRequestText(title, body.toString());
  }

  /** The old and new tag and digest, and the new image in full. */
  record Tags(String from, String to, String fromDigest, String toDigest, String image) {}
}
