/** The closing line's counts from vitest's JSON report (see testSummary.mjs). */
export function summarize(report: unknown, exitStatus: number | null, cwd?: string): { passed: number; failed: number; notes: string[] };
