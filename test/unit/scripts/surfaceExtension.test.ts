/** `x-ppadmin.poll`: the optional end-of-operation facts are read, checked, and left out when absent. */
import { describe, expect, it } from "vitest";
import { readSurfaceExtension } from "../../../scripts/lib/surfaceExtension.js";

const op = (poll: unknown) => ({ "x-ppadmin": { group: ["things"], method: "create", poll } });

describe("x-ppadmin.poll", () => {
  it("reads succeededValues, failedValues and doneWhenGone", () => {
    const ext = readSurfaceExtension("CreateThing", op({ succeededValues: ["Succeeded", "OperationComplete"], failedValues: ["OperationFailed"], doneWhenGone: true }));
    expect(ext.poll).toEqual({ operationId: null, idFrom: null, statusField: "status", succeededValues: ["Succeeded", "OperationComplete"], failedValues: ["OperationFailed"], runningFrom: null, doneWhenGone: true });
  });

  it("reads them as null (the defaults) when the spec does not give them", () => {
    expect(readSurfaceExtension("CreateThing", op({ statusField: "state.id" })).poll).toEqual({ operationId: null, idFrom: null, statusField: "state.id", succeededValues: null, failedValues: null, runningFrom: null });
  });

  it.each([
    [{ succeededValues: [] }, /succeededValues must be a non-empty list/],
    [{ failedValues: "Failed" }, /failedValues must be a non-empty list/],
    [{ doneWhenGone: "yes" }, /doneWhenGone must be true or false/],
    [{ finalValues: ["Done"] }, /unknown key "finalValues"/],
  ])("refuses %j", (poll, message) => {
    expect(() => readSurfaceExtension("CreateThing", op(poll))).toThrow(message);
  });
});
