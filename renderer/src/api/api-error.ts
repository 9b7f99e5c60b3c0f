// The one error type every renderer call throws: the contract's error code plus its message params.
import type { AppErrorShape } from '../../../shared/contract.js';

export type ErrorParams = NonNullable<AppErrorShape['params']>;

export class ApiError extends Error {
  readonly code: string;
  readonly params: ErrorParams | undefined;

  constructor(code: string, params?: ErrorParams) {
    super(`kassa error: ${code}`);
    this.name = 'ApiError';
    this.code = code;
    this.params = params;
  }
}

/** Anything thrown by a call, as an ApiError (unexpected exceptions become "internal"). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError('internal');
}
