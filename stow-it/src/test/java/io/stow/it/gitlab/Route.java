package io.stow.it.gitlab;

/** The endpoints the fake GitLab serves, for recording and fault injection. */
public enum Route {
  /** {@code GET /projects/:id}. */
  PROJECT,
  /** {@code GET /projects/:id/repository/branches/:branch}. */
  BRANCH,
  /** {@code GET /projects/:id/repository/commits/:sha}. */
  COMMIT,
  /** {@code GET /projects/:id/repository/archive.tar.gz}. */
  ARCHIVE,
  /** {@code GET /projects/:id/repository/files/:path}. */
  FILE,
  /** {@code GET /projects/:id/repository/files/:path/raw}. */
  RAW_FILE,
  /** {@code POST /projects/:id/repository/commits}. */
  CREATE_COMMIT,
  /** {@code GET /projects/:id/merge_requests}. */
  LIST_MERGE_REQUESTS,
  /** {@code POST /projects/:id/merge_requests}. */
  CREATE_MERGE_REQUEST,
  /** {@code PUT /projects/:id/merge_requests/:iid}. */
  UPDATE_MERGE_REQUEST,
  /** {@code POST /projects/:id/statuses/:sha}. */
  SET_COMMIT_STATUS,
  /** {@code GET /users?username=}. */
  USERS,
  /** {@code GET /users/:id}. */
  USER,
  /** Anything else (answered 404). */
  UNKNOWN
}
