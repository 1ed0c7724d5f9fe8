// A failed API call as the pages show it: the HTTP status, the server's error code and its
// message (which already says what to do next), or a network failure.

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server did not answer at all. */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server wants the API token (a client that is not on the server's machine). */
  get needsToken(): boolean {
    return this.status === 401;
  }
}
