/**
 * Contract validation of emulator traffic: every exchange is checked against the spec it belongs to
 * (operation exists, query parameters, JSON request body, declared status, JSON response body,
 * required response headers) with ajv via `specDocuments.ts`. Injected faults are skipped.
 *
 * ```ts
 * const contract = attachContractValidation(emulator);
 * // ... drive the SDK against the emulator ...
 * contract.assertClean();
 * ```
 */
import type { EmulatorExchange } from "../../src/testing/index.js";
import { formatErrors, loadSpec, pointerSegment, resolveRef, validatorFor, type Json, type SpecName } from "./specDocuments.js";

/** Anything that reports exchanges (an emulator, or a fake in a test). */
export interface ExchangeSource {
  onExchange(listener: (exchange: EmulatorExchange) => void): () => void;
}

/** What {@link attachContractValidation} returns. */
export interface ContractValidation {
  /** One line per problem found, in order. */
  readonly violations: string[];
  /** `spec:operationId` of every operation seen answering (faults excluded). */
  readonly exercised: Set<string>;
  /** Throws with every violation listed when there is any. */
  assertClean(): void;
  /** Stops listening. */
  detach(): void;
}

const JSON_MEDIA = "application/json";

/** A node of the spec together with the JSON pointer it lives at (following `$ref`s). */
interface Located {
  node: Json;
  pointer: string;
}

function locate(doc: Json, node: unknown, pointer: string): Located {
  let current = node as Json;
  let at = pointer;
  while (current && typeof current.$ref === "string") {
    at = current.$ref;
    current = resolveRef(doc, { $ref: current.$ref });
  }
  return { node: current, pointer: at };
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json | undefined;
  schemaPointer: string;
}

function parametersOf(doc: Json, template: string, method: string): Parameter[] {
  const itemPointer = `#/paths/${pointerSegment(template)}`;
  const item = locate(doc, (doc.paths as Json)[template], itemPointer);
  const operation = item.node[method] as Json;
  const byKey = new Map<string, Parameter>();
  const collect = (list: unknown, base: string): void => {
    ((list ?? []) as unknown[]).forEach((raw, i) => {
      const { node, pointer } = locate(doc, raw, `${base}/${i}`);
      const param: Parameter = { name: String(node.name), in: String(node.in), required: node.required === true, schema: node.schema as Json | undefined, schemaPointer: `${pointer}/schema` };
      byKey.set(`${param.in}:${param.name}`, param);
    });
  };
  collect(item.node.parameters, `${item.pointer}/parameters`);
  collect(operation.parameters, `${item.pointer}/${method}/parameters`);
  return [...byKey.values()];
}

function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function mediaSchemaPointer(holder: Located, media = JSON_MEDIA): { pointer: string } | undefined {
  const content = holder.node.content as Json | undefined;
  if (!content?.[media]) return undefined;
  return { pointer: `${holder.pointer}/content/${pointerSegment(media)}/schema` };
}

/** A multipart request body reaches the log as its fields by name (the emulator reads them so). */
const FORM_MEDIA = "multipart/form-data";

function isJsonContentType(headers: Record<string, string>): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(headers["content-type"] ?? "");
}

/** Validates one exchange; returns the problems found (empty when it conforms). */
export function validateExchange(exchange: EmulatorExchange): string[] {
  const problems: string[] = [];
  const spec = exchange.spec as SpecName;
  const doc = loadSpec(spec);
  const method = exchange.method.toLowerCase();
  const template = exchange.pathTemplate;
  const pathItem = template ? ((doc.paths as Json)[template] as Json | undefined) : undefined;
  const operationRaw = pathItem ? (resolveRef(doc, pathItem)[method] as Json | undefined) : undefined;
  if (!template || !operationRaw) {
    problems.push(`no operation of ${spec} serves ${exchange.method} ${template ?? new URL(exchange.url).pathname} (answered ${exchange.status})`);
    return problems;
  }
  if (operationRaw.operationId !== exchange.operationId) problems.push(`the spec names this operation '${String(operationRaw.operationId)}', the emulator '${String(exchange.operationId)}'`);
  const opPointer = `#/paths/${pointerSegment(template)}/${method}`;

  // Request: query parameters.
  for (const param of parametersOf(doc, template, method).filter((p) => p.in === "query")) {
    const raw = exchange.query[param.name];
    if (raw === undefined) {
      if (param.required) problems.push(`required query parameter '${param.name}' is missing`);
      continue;
    }
    if (!param.schema) continue;
    const validate = validatorFor(spec, param.schemaPointer);
    if (!validate(coerce(raw, param.schema))) problems.push(`query parameter '${param.name}'='${raw}': ${formatErrors(validate)}`);
  }

  // Request: body.
  const requestBody = operationRaw.requestBody ? locate(doc, operationRaw.requestBody, `${opPointer}/requestBody`) : undefined;
  if (!requestBody) {
    if (exchange.requestBody !== undefined) problems.push("a request body was sent to an operation that declares none");
  } else if (exchange.requestBody === undefined) {
    if (requestBody.node.required === true) problems.push("the required request body is missing");
  } else {
    const schema = mediaSchemaPointer(requestBody) ?? mediaSchemaPointer(requestBody, FORM_MEDIA);
    if (!schema) problems.push(`the request body is not declared as ${JSON_MEDIA}`);
    else if (typeof exchange.requestBody === "string" && !isJsonText(exchange.requestBody)) problems.push("the request body is not JSON");
    else {
      const validate = validatorFor(spec, schema.pointer);
      if (!validate(exchange.requestBody)) problems.push(`request body: ${formatErrors(validate)}`);
    }
  }

  // Response: status, headers, body.
  const responses = (operationRaw.responses ?? {}) as Json;
  const key = [String(exchange.status), `${Math.floor(exchange.status / 100)}XX`, "default"].find((k) => k in responses);
  if (!key) {
    problems.push(`status ${exchange.status} is not declared (declared: ${Object.keys(responses).join(", ")})`);
    return problems;
  }
  const response = locate(doc, responses[key], `${opPointer}/responses/${pointerSegment(key)}`);
  for (const [name, rawHeader] of Object.entries((response.node.headers ?? {}) as Json)) {
    const header = resolveRef(doc, rawHeader);
    if (header.required === true && exchange.responseHeaders[name.toLowerCase()] === undefined) problems.push(`required response header '${name}' is missing on ${exchange.status}`);
  }
  const sentType = (exchange.responseHeaders["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const file = Object.keys((response.node.content ?? {}) as Json).find((t) => !/json/i.test(t) && t.toLowerCase() === sentType);
  if (file && exchange.responseBody !== undefined) {
    // A file (a download): the declared media type, as bytes; a ZIP starts with its local-header signature.
    if (!(exchange.responseBody instanceof Uint8Array)) problems.push(`the ${exchange.status} ${file} body is not binary`);
    else if (/zip/.test(file) && !(exchange.responseBody[0] === 0x50 && exchange.responseBody[1] === 0x4b)) problems.push(`the ${exchange.status} body is not a ZIP archive`);
  } else if (exchange.responseBody !== undefined) {
    const schema = mediaSchemaPointer(response);
    if (!schema) problems.push(`status ${exchange.status} declares no body, but one was sent`);
    else if (!isJsonContentType(exchange.responseHeaders)) problems.push(`the ${exchange.status} body is '${exchange.responseHeaders["content-type"] ?? "untyped"}', not JSON`);
    else {
      const validate = validatorFor(spec, schema.pointer);
      if (!validate(exchange.responseBody)) problems.push(`${exchange.status} response body (${key}): ${formatErrors(validate)}`);
    }
  }
  return problems;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Validates every exchange `source` reports from now on against the specs. */
export function attachContractValidation(source: ExchangeSource): ContractValidation {
  const violations: string[] = [];
  const exercised = new Set<string>();
  const detach = source.onExchange((exchange) => {
    if (exchange.fault) return;
    if (exchange.operationId) exercised.add(`${exchange.spec}:${exchange.operationId}`);
    const url = new URL(exchange.url);
    for (const problem of validateExchange(exchange)) {
      violations.push(`${exchange.spec}:${exchange.operationId ?? "?"} ${exchange.method} ${url.pathname}${url.search} -> ${exchange.status}: ${problem}`);
    }
  });
  return {
    violations,
    exercised,
    assertClean() {
      if (violations.length > 0) throw new Error(`${violations.length} contract violation(s):\n${violations.join("\n")}`);
    },
    detach,
  };
}
