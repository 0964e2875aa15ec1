/**
 * Runs the emulator server in a worker thread for the demo, so the service and the SDK each have an
 * event loop (and a core) of their own, as they would in real life: the server stamps arrivals
 * without waiting behind the client's work. Both threads build the same scaled clock from a shared
 * origin on the epoch clock.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createScaledClock, epochClock } from "../../src/index.js";
import { startEmulatorServer, type EmulatorServerOptions } from "../../src/testing/index.js";

export interface EmulatorWorkerData {
  options: Omit<EmulatorServerOptions, "clock">;
  timeScale: number;
  origin: number;
}

export interface EmulatorWorkerReport {
  admitted: number;
  throttled: number;
  maxAdmittedInAnyWindow: number;
  seededApps: number;
}

const { options, timeScale, origin } = workerData as EmulatorWorkerData;
const server = await startEmulatorServer({ ...options, clock: createScaledClock(timeScale, { base: epochClock, origin }) });
parentPort!.postMessage({ type: "ready", url: server.url });
parentPort!.on("message", async (message: { type: string }) => {
  if (message.type === "report") {
    const report = server.emulator.throttleReport();
    const seededApps = server.emulator.state.environments.reduce((sum, env) => sum + server.emulator.state.apps(env.name).length, 0);
    parentPort!.postMessage({ type: "report", report: { ...report, seededApps } });
  } else if (message.type === "close") {
    await server.close();
    parentPort!.close();
  }
});
