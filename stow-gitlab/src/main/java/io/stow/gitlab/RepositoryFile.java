package io.stow.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file of the repository at a ref, as the files API returns it: its path, the blob's id, the last
 * commit that changed it, and the decoded content. {@link #toString()} leaves the content out (a
 * deployment repository may hold encrypted secrets).
 */
public record RepositoryFile(
    String filePath, String ref, String blobId, String lastCommitId, byte[] content) {

  public RepositoryFile {
    Objects.requireNonNull(filePath, "filePath");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(lastCommitId, "lastCommitId");
    content = content.clone();
  }

  /** A copy of the file's bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepositoryFile other
        && other.filePath.equals(filePath)
        && other.ref.equals(ref)
        && other.blobId.equals(blobId)
        && other.lastCommitId.equals(lastCommitId)
        && Arrays.equals(other.content, content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(filePath, ref, blobId, lastCommitId, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "RepositoryFile[filePath="
        + filePath
        + ", ref="
        + ref
        + ", blobId="
        + blobId
        + ", lastCommitId="
        + lastCommitId
        + ", "
        + content.length
        + " bytes]";
  }
}
