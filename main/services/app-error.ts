// An error the user is meant to read: a code from the message catalogue (error.<code>) plus params.
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}
