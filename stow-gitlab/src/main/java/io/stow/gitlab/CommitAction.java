package io.stow.gitlab;

import java.util.Objects;
import java.util.Optional;

/**
 * One file change of a commit made through the API. {@code content} is required for create and
 * update, absent for delete.
 */
public record CommitAction(Type type, String filePath, Optional<String> content) {

  /** GitLab's action names. */
  public enum Type {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    /** The word GitLab expects in {@code actions[].action}. */
    public String wire() {
      return wire;
    }
  }

  public CommitAction {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filePath, "filePath");
    Objects.requireNonNull(content, "content");
    if (filePath.isBlank() || filePath.startsWith("/")) {
      throw new IllegalArgumentException(
          "filePath must be a relative repository path: " + filePath);
    }
    if (type != Type.DELETE && content.isEmpty()) {
      throw new IllegalArgumentException(type.wire() + " of " + filePath + " needs content");
    }
  }

  /** Replaces an existing file's content. */
  public static CommitAction update(String filePath, String content) {
    return new CommitAction(Type.UPDATE, filePath, Optional.of(content));
  }

  /** Adds a new file. */
  public static CommitAction create(String filePath, String content) {
    return new CommitAction(Type.CREATE, filePath, Optional.of(content));
  }

  @Override
  public String toString() {
    return "CommitAction[" + type.wire() + " " + filePath + "]";
  }
}
