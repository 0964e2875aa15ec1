/**
 * Seeds a collection nobody seeded by hand from its list operation's example in the spec: the
 * example's items, each with a fresh id drawn from a random stream of the emulator seed and the
 * collection's path, so the same seed gives the same items whenever the collection is first used.
 */
import type { EmulatorOperation } from "../../../generated/emulator-model.js";
import { clone } from "../http/wire.js";
import type { CollectionSeeder, Doc } from "../tenant/resourceStore.js";
import { createRandom } from "./seededRandom.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A seeder over the list operations of a model; `claimed` templates are never seeded from examples. */
export function exampleSeeder(operations: readonly EmulatorOperation[], seed: number, claimed: (template: string) => boolean): CollectionSeeder {
  const lists = new Map<string, EmulatorOperation>();
  for (const op of operations) if (op.kind === "list" && op.collection && !lists.has(op.collection)) lists.set(op.collection, op);
  return (key, template) => {
    const list = lists.get(template);
    if (!list?.exampleItems || claimed(template)) return undefined;
    const random = createRandom(seed).fork(`examples:${key}`);
    const idField = list.idField ?? "id";
    return list.exampleItems.map((item, i): [string, Doc] => {
      const doc = clone(item) as Doc;
      const old = doc[idField];
      const id = typeof old === "string" && GUID.test(old) ? random.guid() : typeof old === "string" ? `${old}${i === 0 ? "" : `-${i + 1}`}` : random.guid();
      doc[idField] = id;
      return [id.toLowerCase(), doc];
    });
  };
}
