/**
 * Values at dotted paths (`properties.owner.email`, `Options.SkipToken`): the one reader and writer
 * that the facade, the pollers, the paging and the CLI share.
 */
type Json = Record<string, unknown>;

/** The value at `path` inside `value`, or undefined when something on the way is not an object. */
export function valueAtPath(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Json)[key] : undefined), value);
}

/** A copy of `body` with `value` at `path` (objects on the way are copied, not changed; missing ones are made). */
export function withValueAtPath(body: Json | undefined, path: string, value: unknown): Json {
  const [head, ...rest] = path.split(".");
  const copy: Json = { ...(body ?? {}) };
  if (rest.length === 0) {
    copy[head!] = value;
    return copy;
  }
  const inner = copy[head!];
  copy[head!] = withValueAtPath(inner && typeof inner === "object" && !Array.isArray(inner) ? (inner as Json) : undefined, rest.join("."), value);
  return copy;
}
