/**
 * The answer of an operation whose success body is a file (the model's `download` media type): a
 * small ZIP archive for a zip type, the JSON text's bytes otherwise, with a `Content-Disposition`
 * file name. The archive holds one `content.json` naming the operation and the values it was called
 * with, so a test can tell one download from another; behaviours may pass their own files.
 *
 * The ZIP is written here (stored entries, no compression: local headers, central directory, end
 * record) rather than by a library, so the shipped emulator adds no runtime dependency for ~40 lines
 * of a fixed format; CRC-32 comes from node:zlib.
 */
import { crc32 } from "node:zlib";
import type { WireAnswer } from "../http/wire.js";
import type { OperationCall } from "./operationCall.js";

/** One file of an archive. */
export interface ArchiveFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

// A fixed DOS timestamp (2025-01-01 00:00): archives of the same files are byte-identical.
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

/** A ZIP archive of `files`, stored without compression. */
function storedZip(files: readonly ArchiveFile[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const data = typeof file.content === "string" ? encoder.encode(file.content) : file.content;
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true); // version needed: 2.0
    l.setUint16(6, UTF8_NAMES, true);
    l.setUint16(8, 0, true); // stored
    l.setUint16(10, DOS_TIME, true);
    l.setUint16(12, DOS_DATE, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, data.length, true);
    l.setUint32(22, data.length, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, 0, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true); // made by: 2.0
    c.setUint16(6, 20, true);
    c.setUint16(8, UTF8_NAMES, true);
    c.setUint16(10, 0, true);
    c.setUint16(12, DOS_TIME, true);
    c.setUint16(14, DOS_DATE, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, data.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true); // where the local header starts; the other fields stay 0
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, files.length, true);
  e.setUint16(10, files.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The file name a download gets: its last literal path segment and the last parameter's value. */
function fileNameOf(call: OperationCall, extension: string): string {
  const segments = call.operation.path.split("/");
  const literal = [...segments].reverse().find((s) => s !== "" && !s.startsWith("{")) ?? "download";
  const last = call.route.paramNames.at(-1);
  const value = last === undefined ? "" : `-${call.params[last] ?? ""}`;
  return `${literal}${value}.${extension}`.replace(/[^\w.-]+/g, "_");
}

/** The answer of a download operation: `files` (default: one `content.json` describing the call). */
export function downloadAnswer(call: OperationCall, files?: readonly ArchiveFile[]): WireAnswer {
  const type = call.operation.download ?? "application/octet-stream";
  const described = JSON.stringify({ operationId: call.operation.operationId, parameters: call.params, query: Object.fromEntries(call.url.searchParams) }, null, 2);
  const zip = /zip/i.test(type);
  const bytes = zip ? storedZip(files ?? [{ name: "content.json", content: described }]) : new TextEncoder().encode(described);
  const name = fileNameOf(call, zip ? "zip" : "json");
  return {
    status: call.operation.successStatuses[0] ?? 200,
    headers: { "content-type": type, "content-disposition": `attachment; filename="${name}"` },
    bytes,
  };
}
