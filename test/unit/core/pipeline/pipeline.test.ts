import { describe, expect, it } from "vitest";
import { createPipeline, type PipelinePolicy } from "../../../../src/core/pipeline/pipeline.js";
import { answer, request } from "./policyHarness.js";

const tracing = (name: string, trail: string[]): PipelinePolicy => ({
  name,
  async sendRequest(req, next) {
    trail.push(`${name}>`);
    const response = await next(req);
    trail.push(`<${name}`);
    return response;
  },
});

describe("createPipeline", () => {
  it("runs policies outermost first, then the transport, and unwinds in reverse", async () => {
    const trail: string[] = [];
    const pipeline = createPipeline([tracing("a", trail), tracing("b", trail)]);
    await pipeline.sendRequest(request(), async (req) => {
      trail.push("transport");
      return answer(req);
    });
    expect(trail).toEqual(["a>", "b>", "transport", "<b", "<a"]);
  });

  it("places a policy before or after a named one, and removes by name", async () => {
    const trail: string[] = [];
    const pipeline = createPipeline([tracing("a", trail), tracing("c", trail)]);
    pipeline.addPolicy(tracing("b", trail), { after: "a" });
    pipeline.addPolicy(tracing("first", trail), { before: "a" });
    expect(pipeline.names()).toEqual(["first", "a", "b", "c"]);
    expect(pipeline.removePolicy("a")).toBe(true);
    expect(pipeline.removePolicy("a")).toBe(false);
    await pipeline.sendRequest(request(), async (req) => answer(req));
    expect(trail).toEqual(["first>", "b>", "c>", "<c", "<b", "<first"]);
  });

  it("refuses a duplicate name, an unknown anchor and a policy without sendRequest", () => {
    const pipeline = createPipeline([tracing("a", [])]);
    expect(() => pipeline.addPolicy(tracing("a", []))).toThrow(/already/);
    expect(() => pipeline.addPolicy(tracing("b", []), { after: "nope" })).toThrow(/No policy named "nope"/);
    expect(() => pipeline.addPolicy({ name: "x" } as unknown as PipelinePolicy)).toThrow(TypeError);
  });
});
