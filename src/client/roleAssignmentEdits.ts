/** Input check shared by the three role-assignment edit methods. */

/** An edit must grant or revoke something; an empty request is a caller mistake, not a no-op to send. */
export function requireSomeEdit(operationId: string, args: unknown): void {
  const { put, delete: remove } = (args ?? {}) as { put?: unknown; delete?: unknown };
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  if (count(put) + count(remove) === 0) {
    throw new TypeError(`${operationId}: give at least one entry in "put" (grant) or "delete" (revoke).`);
  }
}
