/**
 * What the EnvironmentManagement operations do: list (with simple OData `$filter`, `$orderby` and
 * `$select`) and get. The default environment comes first, then the others in creation order.
 */
import { requireEnvironment } from "./appsBehavior.js";
import { serviceError } from "./errors.js";
import type { Environment } from "./models.js";
import type { Runtime } from "./runtime.js";
import { clone } from "./clone.js";

/** Fields `$filter` may test (the service's documented list). */
export const FILTERABLE_FIELDS = ["dataverseId", "type", "geo", "state", "environmentGroupId", "domainName"] as const;

function badQuery(name: string, value: string, why: string): Error {
  return serviceError(400, "InvalidODataQuery", `The ${name} '${value}' is not supported: ${why}.`);
}

/** Parses `field eq 'value' [and ...]` into pairs; anything else is a 400. */
function parseFilter(filter: string): [string, string | null][] {
  return filter.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(null))\s*$/i.exec(clause);
    const field = FILTERABLE_FIELDS.find((f) => f.toLowerCase() === match?.[1]?.toLowerCase());
    if (!match || !field) throw badQuery("$filter", filter, `use "<field> eq '<value>'" joined by "and", with field one of ${FILTERABLE_FIELDS.join(", ")}`);
    return [field, match[3] ? null : (match[2] ?? "").replace(/''/g, "'")];
  });
}

function orderOf(orderby: string): { field: string; descending: boolean } {
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(orderby);
  if (!match?.[1]) throw badQuery("$orderby", orderby, "use '<field> [asc|desc]'");
  return { field: match[1], descending: match[2]?.toLowerCase() === "desc" };
}

/** The environments a ListEnvironments request selects, ordered and projected, before paging. */
export function listEnvironments(rt: Runtime, query: URLSearchParams): Environment[] {
  let items = [...rt.data.environments.values()].map((e) => clone(e));
  const filter = query.get("$filter");
  if (filter) {
    const clauses = parseFilter(filter);
    items = items.filter((e) =>
      clauses.every(([field, value]) => {
        const actual = (e as Record<string, unknown>)[field];
        return value === null ? actual === null || actual === undefined : typeof actual === "string" && actual.toLowerCase() === value.toLowerCase();
      }),
    );
  }
  const orderby = query.get("$orderby");
  if (orderby) {
    const { field, descending } = orderOf(orderby);
    const valueOf = (e: Environment): string => String((e as Record<string, unknown>)[field] ?? "");
    items.sort((a, b) => valueOf(a).localeCompare(valueOf(b)) * (descending ? -1 : 1));
  }
  const select = query.get("$select");
  if (select) {
    const fields = new Set(["id", ...select.split(",").map((f) => f.trim()).filter(Boolean)]);
    items = items.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => fields.has(k))) as Environment);
  }
  return items;
}

/** GetEnvironment. */
export function environment(rt: Runtime, environmentId: string): Environment {
  return clone(requireEnvironment(rt, environmentId));
}
