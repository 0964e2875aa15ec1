/**
 * The body of an operation whose spec takes `multipart/form-data` (a file upload): the fields as a
 * form, encoded once into bytes by the platform's own FormData serializer, so the pipeline can send
 * (and, where allowed, re-send) it like any body.
 */

/** A file field's value as a Blob. */
function asBlob(value: unknown): Blob {
  if (value instanceof Blob) return value;
  if (value instanceof Uint8Array) return new Blob([new Uint8Array(value)]); // a copy: the view may sit on a shared buffer
  if (value instanceof ArrayBuffer || typeof value === "string") return new Blob([value]);
  throw new TypeError("A file field must be a Blob, a Uint8Array, an ArrayBuffer or a string.");
}

/** The encoded form and its content type (with the boundary). Fields of type `binary` are sent as files. */
export async function encodeForm(fields: Readonly<Record<string, unknown>>, types: Readonly<Record<string, string>>): Promise<{ bytes: ArrayBuffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (types[name] === "binary") form.append(name, asBlob(value), name);
    else form.append(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  const encoded = new Response(form);
  return { bytes: await encoded.arrayBuffer(), contentType: encoded.headers.get("content-type") ?? "multipart/form-data" };
}
