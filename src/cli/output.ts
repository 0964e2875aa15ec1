/**
 * Data on stdout, in the format asked for: `table` (for people), `json`, `ndjson` (one item a line,
 * streamed) and `csv` (csv-stringify; its columns and `_more`: csvRows.ts). `--fields a,b.c` keeps those
 * dot paths of each item. Lists are written item by item as their pages arrive, waiting for the stream
 * to drain, so a pipe sees the first page at once and memory stays flat. Colours only on a terminal and never with NO_COLOR.
 */
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { csvHeader, csvLayout, csvRow, type CsvLayout } from "./csvRows.js";
import type { OutputFormat } from "./flags.js";
import { cell, leafPaths, pick } from "./itemPaths.js";

/** Whether to colour what goes to `stream`: a terminal, no NO_COLOR, not a dumb terminal. */
export function useColor(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "") && process.env.TERM !== "dumb";
}

const PREFERRED = ["name", "id", "displayName", "properties.displayName", "type", "status", "state", "properties.owner.email", "location", "properties.createdTime", "createdTime"];

/** Columns for a table when none were asked for: the usual identifying fields first, then the rest by depth. */
export function tableColumns(item: unknown, max: number): string[] {
  const paths = leafPaths(item).filter((p) => {
    const v = pick(item, p);
    return v === null || typeof v !== "object";
  });
  const preferred = PREFERRED.filter((p) => paths.includes(p));
  const rest = paths.filter((p) => !preferred.includes(p)).sort((a, b) => a.split(".").length - b.split(".").length);
  return [...preferred, ...rest].slice(0, max);
}

/** Keeps only `fields` of an item, as a flat object keyed by the dot paths. */
export function project(item: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields) return item;
  return Object.fromEntries(fields.map((f) => [f, pick(item, f) ?? null]));
}

/** Where items go. `write` resolves when the stream can take more. */
export interface Sink {
  write(item: unknown): Promise<void>;
  end(): Promise<void>;
}

/** Writes `text`, waiting for `drain` when the stream's buffer is full. */
export function writeText(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", done);
      stream.off("error", done);
      if (error) reject(error);
      else resolve();
    };
    stream.once("drain", done);
    stream.once("error", done);
  });
}

export interface SinkOptions {
  format: OutputFormat;
  fields?: readonly string[];
  stream: Writable & { isTTY?: boolean; columns?: number };
  /** A list (many items) or one result. */
  list: boolean;
}

/** A sink for the format. */
export function createSink(options: SinkOptions): Sink {
  const { format, fields, stream, list } = options;
  switch (format) {
    case "ndjson":
      return { write: (item) => writeText(stream, `${JSON.stringify(project(item, fields)) ?? "null"}\n`), end: async () => {} };
    case "json":
      return list ? jsonArraySink(stream, fields) : { write: (item) => writeText(stream, `${JSON.stringify(project(item, fields), null, 2)}\n`), end: async () => {} };
    case "csv":
      return csvSink(stream, fields);
    case "table":
      return list ? tableSink(stream, fields) : recordSink(stream, fields);
  }
}

function jsonArraySink(stream: Writable, fields: readonly string[] | undefined): Sink {
  let count = 0;
  return {
    write: (item) => {
      const text = JSON.stringify(project(item, fields), null, 2)!.replace(/\n/g, "\n  ");
      return writeText(stream, `${count++ === 0 ? "[\n  " : ",\n  "}${text}`);
    },
    end: () => writeText(stream, count === 0 ? "[]\n" : "\n]\n"),
  };
}

/** CSV: the header from `--fields` or from the first item (then with `_more`), one row per item. */
function csvSink(stream: Writable, fields: readonly string[] | undefined): Sink {
  let layout: CsvLayout | undefined = fields ? csvLayout(fields) : undefined;
  let header = false;
  return {
    write: (item) => {
      layout ??= csvLayout(undefined, item);
      const row = csvRow(item, layout);
      const text = stringify(header ? [row] : [csvHeader(layout), row]);
      header = true;
      return writeText(stream, text);
    },
    end: async () => {
      if (!header && layout) await writeText(stream, stringify([csvHeader(layout)]));
    },
  };
}

const MAX_CELL = 48;
const BATCH = 50;

/** A table: column widths from the first rows; later rows are cut to those widths. */
function tableSink(stream: Writable & { isTTY?: boolean; columns?: number }, fields: readonly string[] | undefined): Sink {
  const color = useColor(stream);
  const bold = (s: string) => (color ? `\u001B[1m${s}\u001B[22m` : s);
  let columns: string[] | undefined = fields ? [...fields] : undefined;
  let widths: number[] | undefined;
  let pending: string[][] = [];
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, Math.max(1, w - 1))}…` : s.padEnd(w));
  const line = (cells: string[]) => cells.map((c, i) => fit(c, widths![i]!)).join("  ").trimEnd();
  const flush = async (): Promise<void> => {
    if (!columns) return;
    if (!widths) {
      widths = columns.map((c, i) => Math.min(MAX_CELL, Math.max(c.length, ...pending.map((r) => r[i]!.length))));
      await writeText(stream, `${bold(line(columns))}\n`);
    }
    if (pending.length) await writeText(stream, `${pending.map(line).join("\n")}\n`);
    pending = [];
  };
  return {
    write: async (item) => {
      columns ??= tableColumns(item, Math.max(3, Math.floor((stream.columns ?? 120) / 18)));
      pending.push(columns.map((c) => cell(pick(item, c)).replace(/\s+/g, " ")));
      if (pending.length >= BATCH || widths) await flush();
    },
    end: async () => {
      if (!columns) return writeText(stream, "(no items)\n");
      return flush();
    },
  };
}

/** One result as `path  value` lines. */
function recordSink(stream: Writable & { isTTY?: boolean }, fields: readonly string[] | undefined): Sink {
  const color = useColor(stream);
  return {
    write: (item) => {
      if (item === undefined) return Promise.resolve();
      if (item === null || typeof item !== "object" || Array.isArray(item)) return writeText(stream, `${typeof item === "string" ? item : JSON.stringify(item, null, 2)}\n`);
      const paths = fields ?? leafPaths(item, 6);
      const width = Math.min(40, Math.max(...paths.map((p) => p.length)));
      const text = paths.map((p) => `${color ? `\u001B[2m${p.padEnd(width)}\u001B[22m` : p.padEnd(width)}  ${cell(pick(item, p))}`).join("\n");
      return writeText(stream, `${text}\n`);
    },
    end: async () => {},
  };
}
