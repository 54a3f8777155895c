package io.stow.daemon.http;

/** A request the daemon refuses with a 4xx status and a reason. */
final class BadRequest extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  BadRequest(int status, String error, String reason) {
    super(reason);
    this.status = status;
    this.error = error;
  }

  static BadRequest invalid(String reason) {
    return new BadRequest(400, "bad request", reason);
  }

  /** 401: the request does not carry the trigger token, or carries a wrong one. */
  static BadRequest unauthorized(String reason) {
    return new BadRequest(401, "unauthorized", reason);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
