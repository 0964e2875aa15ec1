/**
 * Seeds a collection nobody seeded by hand from its list operation's example in the spec (or, for a
 * collection with no list, its get's example): `count`
 * items (default: as many as the example has) cycling through the example's items, each with a fresh
 * id drawn from a random stream of the emulator seed and the collection's path, so the same seed
 * gives the same items whenever the collection is first used. A `tenantId` field names the
 * emulator's tenant.
 */
import type { EmulatorOperation } from "../../../generated/emulator-model.js";
import { clone } from "../http/wire.js";
import { templateKey, type CollectionSeeder, type Doc } from "../tenant/resourceStore.js";
import { createRandom } from "./seededRandom.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A copy of an example document, in this tenant. */
export function fromExample(example: unknown, tenantId: string): Doc {
  const doc: Doc = typeof example === "object" && example !== null && !Array.isArray(example) ? clone(example as Doc) : {};
  if (typeof doc.tenantId === "string") doc.tenantId = tenantId;
  return doc;
}

/** What the seeder needs besides the operations: the seed, the tenant, and which templates to leave alone or fill to a count. */
export interface ExampleSeedOptions {
  seed: number;
  tenantId: () => string;
  /** Templates the hand-written seed owns (never seeded from examples). */
  claimed: (template: string) => boolean;
  /** Items per collection template, where an option sets it. */
  counts?: Readonly<Record<string, number>>;
}

/** A seeder over the list operations of a model. */
export function exampleSeeder(operations: readonly EmulatorOperation[], options: ExampleSeedOptions): CollectionSeeder {
  const lists = new Map<string, EmulatorOperation>();
  for (const op of operations) if (op.kind === "list" && op.collection && !lists.has(templateKey(op.collection))) lists.set(templateKey(op.collection), op);
  // A collection that is only ever read item by item (no list) starts with its get's example, unless
  // the get is a long-running operation's status (those items exist only once an operation starts).
  const statusOperations = new Set(operations.map((op) => op.lro?.statusOperationId).filter(Boolean));
  const gets = new Map<string, EmulatorOperation>();
  for (const op of operations) {
    const key = op.collection ? templateKey(op.collection) : undefined;
    if (op.kind === "get" && key && !lists.has(key) && !gets.has(key) && op.example && !statusOperations.has(op.operationId)) gets.set(key, op);
  }
  return (key, template) => {
    const list = lists.get(templateKey(template)) ?? gets.get(templateKey(template));
    const examples = list?.exampleItems ?? (list?.example ? [list.example] : undefined);
    if (!list || !examples?.length || options.claimed(template)) return undefined;
    const random = createRandom(options.seed).fork(`examples:${key}`);
    const idField = list.idField ?? "id";
    return Array.from({ length: options.counts?.[template] ?? examples.length }, (_, i): [string, Doc] => {
      const doc = fromExample(examples[i % examples.length], options.tenantId());
      const old = doc[idField];
      const round = Math.floor(i / examples.length);
      const id = typeof old !== "string" || GUID.test(old) ? random.guid() : `${old}${i === 0 ? "" : `-${i + 1}`}`;
      doc[idField] = id;
      if (round > 0 && idField !== "name" && typeof doc.name === "string") doc.name = `${doc.name}${round + 1}`;
      return [id.toLowerCase(), doc];
    });
  };
}
