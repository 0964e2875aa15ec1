/**
 * What a download operation (a success body that is not JSON, e.g. `application/zip`) resolves with:
 * the bytes as received, their content type, and the file name the service suggests in
 * `Content-Disposition` (RFC 6266, parsed by the `content-disposition` package, `filename*` first).
 * That package is CommonJS, so it is imported when a download arrives, not when the SDK loads.
 */

/** A file the service sent: its bytes, content type and suggested file name. */
export interface Download {
  /** The body exactly as received. */
  readonly content: Uint8Array;
  /** The answer's `Content-Type` (e.g. `application/zip`), or null when it sent none. */
  readonly contentType: string | null;
  /** The file name from `Content-Disposition`, without any directory part, or null when there is none. */
  readonly fileName: string | null;
}

/** The suggested file name of a `Content-Disposition` value, or null when absent or unreadable. */
export async function fileNameOf(header: string | null): Promise<string | null> {
  if (!header) return null;
  const { default: contentDisposition } = await import("content-disposition");
  let name: string | undefined;
  try {
    name = contentDisposition.parse(header).parameters.filename;
  } catch {
    return null; // a malformed header names no file; the bytes are still good
  }
  // A name is a suggestion from the network: never let it carry a path.
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base && base !== "." && base !== ".." ? base : null;
}

/** The {@link Download} of an answer's body bytes and headers. */
export async function toDownload(content: Uint8Array, headers: Headers): Promise<Download> {
  return { content, contentType: headers.get("content-type"), fileName: await fileNameOf(headers.get("content-disposition")) };
}
