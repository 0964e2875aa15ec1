/** Runs one policy alone: a request, and a scripted `next` that records what reached it. */
import { createPipelineRequest, type PipelineRequest, type PipelineResponse, type SendRequest } from "../../../../src/core/pipeline/pipeline.js";

export const URL_ = "https://api.powerplatform.com/licensing/billingPolicies?api-version=2024-10-01";

export function request(init: Partial<Parameters<typeof createPipelineRequest>[0]> = {}): PipelineRequest {
  return createPipelineRequest({ url: URL_, ...init });
}

/** A decoded answer as the inner policies would return it. */
export function answer(req: PipelineRequest, status = 200, headers: Record<string, string> = {}, text = "", data?: unknown): PipelineResponse {
  const raw = new Response(null, { status: status === 204 ? 204 : 200 });
  const body = { text: async () => text, prefix: async (n: number) => text.slice(0, n), discard: () => undefined };
  return { request: req, status, statusText: "", headers: new Headers(headers), body, raw, text, data };
}

type Step = (req: PipelineRequest) => PipelineResponse | Promise<PipelineResponse>;

/** A `next` that answers from `steps`, one per call, and snapshots what each call saw. */
export function scriptedNext(...steps: Step[]) {
  const seen: { method: string; url: string; headers: Record<string, string>; attempt: number; body: unknown }[] = [];
  const next: SendRequest = async (req) => {
    seen.push({ method: req.method, url: req.url, headers: Object.fromEntries(req.headers), attempt: req.attempt, body: req.body });
    const step = steps.shift();
    if (!step) throw new Error(`unexpected send #${seen.length}`);
    return step(req);
  };
  return { next, seen };
}
