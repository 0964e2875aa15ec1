/** Reading at most a fixed number of bytes of a body: an error body is evidence, not payload. */

/** Default cap on the bytes read from an error body. */
export const MAX_ERROR_BODY_BYTES = 32 * 1024;

/**
 * The first `maxBytes` of `response`'s body as text; the rest is cancelled, never downloaded. A body
 * that breaks off reads as what arrived; a read ended by `signal` rethrows.
 */
export async function readBodyPrefix(response: Response, maxBytes: number = MAX_ERROR_BODY_BYTES, signal?: AbortSignal): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    // An unreadable error body is reported with what arrived; the status still tells the story.
  } finally {
    if (total >= maxBytes) void reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(total, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= bytes.length) break;
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
