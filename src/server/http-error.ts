/** A request answered with an error status; the message is what a Kroki client shows its user. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
