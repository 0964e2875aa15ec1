/**
 * Error answers in the shapes the services send: the services' `{error: {code, message}}` envelope
 * and the gateway's flat `{code, message, innererror?}` envelope.
 */

/** A JSON error answer; thrown by the emulator's operation code and turned into a response by the pipeline. */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`emulator answered ${status}`);
    this.name = "EmulatorHttpError";
  }
}

/** The services' envelope `{error: {code, message, details?}}`, valid against both specs' error schemas. */
export function serviceError(status: number, code: string, message: string, details?: unknown[]): EmulatorHttpError {
  return new EmulatorHttpError(status, { error: { code, message, ...(details ? { details } : {}) } });
}

/** The gateway's flat envelope `{code, message, innererror?}` (Power Platform API only declares it). */
export function gatewayError(status: number, code: string, message: string, innererror?: Record<string, unknown>): EmulatorHttpError {
  return new EmulatorHttpError(status, { code, message, ...(innererror ? { innererror } : {}) });
}

/** 400 for a request body the operation cannot use. */
export function invalidBody(message: string): EmulatorHttpError {
  return serviceError(400, "InvalidRequestContent", message);
}

/** 404 for an environment the tenant does not have. */
export function environmentNotFound(environment: string): EmulatorHttpError {
  return serviceError(404, "EnvironmentNotFound", `The environment '${environment}' could not be found in the tenant.`);
}

/** Serializes an {@link EmulatorHttpError} as a JSON response. */
export function errorResponse(error: EmulatorHttpError): Response {
  return Response.json(error.body, { status: error.status, headers: error.headers });
}
