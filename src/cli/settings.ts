/** The output settings every command reads from the global flags. */
import { UsageError } from "./errors.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./flags.js";

export interface GlobalSettings {
  format: OutputFormat;
  fields: string[] | undefined;
  quiet: boolean;
}

/** `--output` (table on a terminal, ndjson when piped), `--fields`, `--quiet`. */
export function globalSettings(values: Record<string, unknown>): GlobalSettings {
  const output = values.output as string | undefined;
  if (output !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}; got "${output}"`);
  }
  const fields = typeof values.fields === "string" ? values.fields.split(",").map((f) => f.trim()).filter(Boolean) : undefined;
  if (fields && fields.length === 0) throw new UsageError("--fields needs at least one dot path");
  return {
    format: (output as OutputFormat | undefined) ?? (process.stdout.isTTY ? "table" : "ndjson"),
    fields,
    quiet: values.quiet === true,
  };
}
