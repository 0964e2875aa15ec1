/** The generic tour's plan (test/support/contractTour.ts): complete, and in an order that can succeed. */
import { describe, expect, it } from "vitest";
import { tableOperations, tourPlan } from "../support/contractTour.js";

const plan = tourPlan();
const at = (id: string) => plan.findIndex((s) => s.entry.operationId === id);

describe("tour plan", () => {
  it("has a step for every operation of the tables", () => {
    const planned = new Set(plan.map((s) => `${s.spec}:${s.entry.operationId}`));
    expect(tableOperations().filter((key) => !planned.has(key))).toEqual([]);
  });

  it("runs creates before every other method of their collection, in phases: create, update/action, read, delete, status", () => {
    for (const create of plan.filter((s) => s.route.operation.kind === "create")) {
      const collection = create.route.operation.collection!;
      const same = plan.filter((s) => s !== create && s.route.operation.collection === collection);
      for (const other of same) expect(plan.indexOf(other), `${other.name} after ${create.name}`).toBeGreaterThan(plan.indexOf(create));
    }
    const phases = plan.map((s) => s.phase);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
  });

  it("runs a status operation after the long-running operation that begins it", () => {
    for (const begin of plan.filter((s) => s.route.operation.lro?.statusOperationId)) {
      expect(at(begin.route.operation.lro!.statusOperationId!)).toBeGreaterThan(plan.indexOf(begin));
    }
  });
});
