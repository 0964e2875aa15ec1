/**
 * Runs several caller processes (fixtures/sharedBudgetCaller.ts) that share one budget against one
 * emulator server, and gathers what they and the server saw. Used by the multi-process test and by
 * the Redis benchmark.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CallerReport, CallerSettings } from "./fixtures/sharedBudgetCaller.js";

const CALLER = fileURLToPath(new URL("./fixtures/sharedBudgetCaller.ts", import.meta.url));

/** Starts `processes` callers with `settings`, releases them together, and returns their reports. */
export async function runCallers(processes: number, settings: CallerSettings): Promise<CallerReport[]> {
  const children: ChildProcess[] = [];
  try {
    const ready: Promise<void>[] = [];
    const done: Promise<CallerReport>[] = [];
    for (let i = 0; i < processes; i++) {
      const child = fork(CALLER, [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, SHARED_BUDGET_CALLER: JSON.stringify(settings) },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      const exited = new Promise<never>((_, reject) =>
        child.once("exit", (code) => reject(new Error(`caller ${i} exited with code ${code} before reporting`))),
      );
      ready.push(Promise.race([exited, messageOf(child, "ready").then(() => undefined)]));
      done.push(Promise.race([exited, messageOf<CallerReport>(child, "done")]));
      exited.catch(() => undefined);
    }
    await Promise.all(ready);
    for (const child of children) child.send({ type: "go" });
    return await Promise.all(done);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function messageOf<T = unknown>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type) return;
      child.off("message", onMessage);
      resolve(message as T);
    };
    child.on("message", onMessage);
  });
}
