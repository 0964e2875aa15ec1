/**
 * The tenant's resources as JSON documents, in collections keyed by their path (lower case, with the
 * path parameters filled in): `/licensing/billingpolicies` holds the billing policies,
 * `/licensing/billingpolicies/<id>/environments` one policy's links. Documents at a path that is not
 * a collection (`/licensing/tenantcapacity`) are single documents. Deleting an item deletes every
 * collection under it. Collections nobody seeded are filled on first use by a seeder (from the
 * spec's examples).
 */

/** A stored document. */
export type Doc = Record<string, any>;

/**
 * Paths that name the same collection: the Power Platform API's PowerApps routes read Power Apps
 * admin's apps; Power Automate admin lists flows under `v2/` and addresses them without it, and its
 * maker routes (single runs) read the admin routes' flows; BAP's admin environments are the tenant's
 * environments (the Power Platform API's collection).
 */
const SHARED: readonly (readonly [RegExp, string])[] = [
  [/^\/powerapps\/environments\//, "/providers/microsoft.powerapps/scopes/admin/environments/"],
  [/^\/providers\/microsoft\.businessappplatform\/scopes\/admin\/environments(?=\/|$)/, "/environmentmanagement/environments"],
  [/^\/providers\/microsoft\.processsimple\/environments\//, "/providers/microsoft.processsimple/scopes/admin/environments/"],
  [/^(\/providers\/microsoft\.processsimple\/scopes\/admin\/environments\/[^/]+)\/v2\/flows/, "$1/flows"],
];

/** The store key of a concrete path. */
export function storeKey(path: string): string {
  let key = path.toLowerCase();
  for (const [pattern, replacement] of SHARED) key = key.replace(pattern, replacement);
  return key.endsWith("/") ? key.slice(0, -1) : key;
}

/** The key of a path template, whatever its parameters are called (`/a/{}/b`), shared paths joined. */
export function templateKey(template: string): string {
  return storeKey(template).replace(/\{[^}]*\}/g, "{}");
}

/** A concrete path from a template and parameter values. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** Fills a collection nobody has written yet; returns its documents keyed by id. */
export type CollectionSeeder = (key: string, template: string) => [string, Doc][] | undefined;

/** Collections and single documents of one tenant. */
export class ResourceStore {
  private readonly collections = new Map<string, Map<string, Doc>>();
  private readonly documents = new Map<string, Doc>();

  constructor(private readonly seeder: CollectionSeeder = () => undefined) {}

  /** The collection at a concrete path, seeded on first use; `template` names it for the seeder. */
  collection(path: string, template = path): Map<string, Doc> {
    const key = storeKey(path);
    let found = this.collections.get(key);
    if (!found) {
      found = new Map(this.seeder(key, template) ?? []);
      this.collections.set(key, found);
    }
    return found;
  }

  /** Whether a collection exists (written or seeded) at the path. */
  has(path: string): boolean {
    return this.collections.has(storeKey(path));
  }

  /** One item, by id (case-insensitive). */
  get(path: string, id: string, template?: string): Doc | undefined {
    return this.collection(path, template).get(id.toLowerCase());
  }

  /** Adds or replaces an item. */
  put(path: string, id: string, doc: Doc, template?: string): Doc {
    this.collection(path, template).set(id.toLowerCase(), doc);
    return doc;
  }

  /** Removes an item and every collection and document under it; false when it was not there. */
  remove(path: string, id: string): boolean {
    const removed = this.collection(path).delete(id.toLowerCase());
    if (removed) {
      const prefix = `${storeKey(path)}/${id.toLowerCase()}/`;
      for (const key of [...this.collections.keys()]) if (key.startsWith(prefix)) this.collections.delete(key);
      for (const key of [...this.documents.keys()]) if (key.startsWith(prefix)) this.documents.delete(key);
    }
    return removed;
  }

  /** Forgets a collection (it is seeded anew on next use). */
  drop(path: string): void {
    this.collections.delete(storeKey(path));
  }

  /** Creates an empty collection (so it is not seeded from examples later). */
  claim(path: string): Map<string, Doc> {
    const key = storeKey(path);
    let found = this.collections.get(key);
    if (!found) this.collections.set(key, (found = new Map()));
    return found;
  }

  /** The single document at a path. */
  document(path: string): Doc | undefined {
    return this.documents.get(storeKey(path));
  }

  /** Sets (or with undefined, removes) the single document at a path. */
  setDocument(path: string, doc: Doc | undefined): void {
    if (doc === undefined) this.documents.delete(storeKey(path));
    else this.documents.set(storeKey(path), doc);
  }
}
