/**
 * The resource query over the emulator's own tenant: the rows of `PowerPlatformResources` are its
 * environments and their apps (in the inventory's shape: `type`, `name`, `properties.*`). Clauses the
 * emulator understands: `where` (`==`, `=~`, `!=`, `in`, `in~`, `contains`), `project` and `take`;
 * others are refused with 400. Pages follow the operation's paging style from the spec (`Options.Top`,
 * `Options.SkipToken` in, `skipToken` out), over a snapshot taken at the first page, so each row comes
 * exactly once; `Options.Skip` offsets a first page.
 */
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { valueAtPath } from "../../core/dottedPath.js";
import { invalidBody, jsonAnswer } from "../http/wire.js";
import type { Doc } from "../tenant/resourceStore.js";

const TABLE = "powerplatformresources";

function rows(call: OperationCall): Doc[] {
  const { state } = call;
  const out: Doc[] = [];
  for (const env of state.environments) {
    out.push({
      id: `/providers/Microsoft.PowerPlatform/environments/${env.name}`,
      name: env.name,
      type: "microsoft.powerplatform/environments",
      tenantId: state.tenantId,
      location: env.geo ?? null,
      properties: { displayName: env.displayName, environmentId: env.name, environmentType: env.type, createdAt: env.createdDateTime ?? null },
    });
    for (const app of state.apps(env.name)) {
      const p = app.properties ?? {};
      out.push({
        id: app.id,
        name: app.name,
        type: "microsoft.powerapps/canvasapps",
        tenantId: state.tenantId,
        location: env.geo ?? null,
        properties: { displayName: p.displayName ?? null, environmentId: env.name, ownerId: p.owner?.id ?? null, createdAt: p.createdTime ?? null, lastModifiedAt: p.lastModifiedTime ?? null },
      });
    }
  }
  return out;
}

const literal = (value: string) => value.trim().replace(/^'(.*)'$/s, "$1");

function whereTest(clause: Doc): (doc: Doc) => boolean {
  const field = String(clause.FieldName ?? "");
  const values = (Array.isArray(clause.Values) ? clause.Values : []).map((v: unknown) => literal(String(v)));
  if (!field || values.length === 0) throw invalidBody("A 'where' clause needs FieldName and Values.");
  const op = String(clause.Operator ?? "==");
  const text = (doc: Doc) => String(valueAtPath(doc, field) ?? "");
  switch (op) {
    case "==":
      return (doc) => text(doc) === values[0];
    case "=~":
      return (doc) => text(doc).toLowerCase() === values[0]!.toLowerCase();
    case "!=":
      return (doc) => text(doc) !== values[0];
    case "in":
      return (doc) => values.includes(text(doc));
    case "in~":
      return (doc) => values.some((v: string) => v.toLowerCase() === text(doc).toLowerCase());
    case "contains":
      return (doc) => text(doc).toLowerCase().includes(values[0]!.toLowerCase());
    default:
      throw invalidBody(`The emulator does not support the operator '${op}' in a 'where' clause.`);
  }
}

function projection(clause: Doc): (doc: Doc) => Doc {
  const fields = Array.isArray(clause.FieldList) ? clause.FieldList.map(String) : [];
  if (fields.length === 0) throw invalidBody("A 'project' clause needs FieldList.");
  return (doc) => {
    const out: Doc = {};
    for (const field of fields) {
      const parts = field.split(".");
      let target = out;
      for (const part of parts.slice(0, -1)) target = (target[part] ??= {});
      target[parts.at(-1)!] = valueAtPath(doc, field) ?? null;
    }
    return out;
  };
}

const queryResources: Behaviour = (call) => {
  const body = call.body as Doc;
  if (String(body.TableName ?? "").toLowerCase() !== TABLE) throw invalidBody(`Unknown table '${String(body.TableName)}'; the emulator serves PowerPlatformResources.`);
  let selected = rows(call);
  let project: ((doc: Doc) => Doc) | undefined;
  for (const clause of (Array.isArray(body.Clauses) ? body.Clauses : []) as Doc[]) {
    const type = String(clause?.$type ?? "").toLowerCase();
    if (type === "where") selected = selected.filter(whereTest(clause));
    else if (type === "take") selected = selected.slice(0, Math.max(0, Number(clause.TakeCount ?? clause.Count ?? selected.length)));
    else if (type === "project") project = projection(clause);
    else throw invalidBody(`The emulator does not support '${String(clause?.$type)}' clauses.`);
  }
  const skip = body.Options?.SkipToken ? 0 : Math.max(0, Number(body.Options?.Skip ?? 0) || 0);
  const members = selected.slice(skip).map((doc) => [String(doc.id).toLowerCase(), doc] as const);
  const paging = call.operation.paging!;
  const page = call.pager.page({ operationId: call.operation.operationId, url: call.url, body, paging, present: () => true, project }, () => members) as Doc;
  const data = (page[paging.itemsKey ?? "data"] as Doc[]) ?? [];
  const token = paging.responseTokenKey ? page[paging.responseTokenKey] : undefined;
  return jsonAnswer(200, { totalRecords: selected.length, count: data.length, resultTruncated: token ? 0 : 1, ...page });
};

/** Behaviours by operation id. */
export const resourceQueryBehaviours = { QueryResources: queryResources } satisfies Partial<Record<OperationId, Behaviour>>;
