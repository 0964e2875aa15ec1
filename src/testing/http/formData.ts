/**
 * Request bodies the emulator reads: JSON, or `multipart/form-data` (a certificate upload), whose
 * fields it reads as text by name. Binary file contents come through as text, which is enough to
 * store and compare them.
 */

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
function boundaryOf(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=("?)([^";]+)\1/i.exec(contentType);
  return match?.[2];
}

/** The fields of a multipart body by name (the last one wins), or undefined when it is not one. */
export function multipartFields(contentType: string | null, text: string): Record<string, string> | undefined {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break; // the closing delimiter
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, "");
  }
  return fields;
}
