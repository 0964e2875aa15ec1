/**
 * The OData query options a list declares (`$filter`, `$orderby`, `$select`), applied to its items:
 * `$filter` as `field eq 'value'` (or `eq null`, fields may be paths `a/b`) joined by `and`;
 * `$orderby` as `field [asc|desc]`; `$select` keeps the listed fields and the id field.
 */
import { serviceError } from "../http/wire.js";
import type { Doc } from "../tenant/resourceStore.js";

function badQuery(name: string, value: string, why: string): Error {
  return serviceError(400, "InvalidODataQuery", `The ${name} '${value}' is not supported: ${why}.`);
}

const valueAt = (doc: Doc, path: string): unknown => path.split("/").reduce<any>((acc, key) => acc?.[key], doc);

/** Filters and orders `items` (documents, or entries whose document `docOf` gives) by the options the operation declares. */
export function applyODataQuery<T>(items: T[], docOf: (item: T) => Doc, query: URLSearchParams, declared: readonly string[]): T[] {
  const filter = declared.includes("$filter") ? query.get("$filter") : null;
  if (filter) {
    const clauses = filter.split(/\s+and\s+/i).map((clause) => {
      const match = /^\s*([\w/]+)\s+eq\s+(?:'((?:[^']|'')*)'|(null))\s*$/i.exec(clause);
      if (!match) throw badQuery("$filter", filter, `use "<field> eq '<value>'" joined by "and"`);
      return { field: match[1]!, value: match[3] ? null : (match[2] ?? "").replace(/''/g, "'").toLowerCase() };
    });
    items = items.filter((item) =>
      clauses.every(({ field, value }) => {
        const actual = valueAt(docOf(item), field);
        return value === null ? actual === null || actual === undefined : typeof actual === "string" && actual.toLowerCase() === value;
      }),
    );
  }
  const orderby = declared.includes("$orderby") ? query.get("$orderby") : null;
  if (orderby) {
    const match = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(orderby);
    if (!match) throw badQuery("$orderby", orderby, "use '<field> [asc|desc]'");
    const [, field, direction] = match as unknown as [string, string, string | undefined];
    const sign = direction?.toLowerCase() === "desc" ? -1 : 1;
    items = [...items].sort((a, b) => String(valueAt(docOf(a), field) ?? "").localeCompare(String(valueAt(docOf(b), field) ?? "")) * sign);
  }
  return items;
}

/** The `$select` projection of one item, or the item itself when the list declares none or none was sent. */
export function selectFields(query: URLSearchParams, declared: readonly string[], idField: string): ((doc: Doc) => Doc) | undefined {
  const select = declared.includes("$select") ? query.get("$select") : null;
  if (!select) return undefined;
  const fields = new Set([idField, ...select.split(",").map((f) => f.trim()).filter(Boolean)]);
  return (doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => fields.has(k)));
}
