/**
 * A data-subject export pages by `nextLink` (a continuation token in it); a 503 on page 2 is retried
 * on its own and every record is yielded exactly once, page 1 requested once.
 */
import { describe, expect, it } from "vitest";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { mountEmulators, platformClient, requestsFor } from "./harness.js";

const { emulator } = mountEmulators({ seed: 29, pageSize: 4, throttle: false });

describe("DSR export paging through faults", () => {
  it("a 503 on page 2 of the approvals export is retried; each of 10 approvals is seen once", async () => {
    const approvals = emulator.state.store.collection("/workflowsagent/approvals");
    for (let i = 0; i < 8; i++) {
      const id = `3c4d5e6f-7a8b-4c9d-8e0f-${String(i).padStart(12, "0")}`;
      approvals.set(id, { id, title: `Approval ${i}` });
    }
    const expected = [...approvals.values()].map((a) => String(a.id));
    expect(expected).toHaveLength(10);
    const urls: string[] = [];
    const stop = emulator.onExchange((x: EmulatorExchange) => {
      if (x.operationId === "GetApprovals") urls.push(x.url);
    });
    try {
      const pages = platformClient(emulator).dataSubjectRequests.listApprovals().byPage();
      const ids: string[] = [];
      const first = await pages.next();
      if (first.done) throw new Error("no first page");
      ids.push(...first.value.map((a) => String(a.id)));
      const fault = emulator.faults.add({ match: { operationId: "GetApprovals" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) ids.push(...page.map((a) => String(a.id)));

      expect(fault.fired).toBe(1);
      expect(ids).toHaveLength(10);
      expect([...ids].sort()).toEqual([...expected].sort());
      expect(requestsFor(emulator, "GetApprovals").map((e) => e.status)).toEqual([200, 503, 200, 200]);
      expect(urls.filter((u) => !new URL(u).searchParams.has("continuationToken"))).toHaveLength(1);
      expect(urls[2]).toBe(urls[1]); // the retry went to the same next link
    } finally {
      stop();
    }
  });
});
