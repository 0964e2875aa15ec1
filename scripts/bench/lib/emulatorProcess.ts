/**
 * The emulator for P1, in a process of its own (forked with an IPC channel), so the server stamps
 * arrivals on its own event loop and core. Both sides build the same time-compressed clock from a
 * shared origin on the epoch clock. Messages: "report" → throttle counts; "close" → exits.
 */
import { loadSdk, loadTesting } from "./common.js";

export interface EmulatorProcessData {
  options: { seed: number; environments: number; appsPerEnvironment: number; connectionsPerEnvironment: number; throttle: { limit: number; windowInMs: number } };
  timeScale: number;
  origin: number;
}

const { createScaledClock, epochClock } = await loadSdk();
const { startEmulatorServer, emulatorCredential } = await loadTesting();
const { options, timeScale, origin } = JSON.parse(process.env.BENCH_EMULATOR!) as EmulatorProcessData;
const server = await startEmulatorServer({ ...options, clock: createScaledClock(timeScale, { base: epochClock, origin }) });
const { token } = await emulatorCredential().getToken([]);
process.send!({ type: "ready", url: server.url, token });
process.on("message", async (message: { type: string }) => {
  if (message.type === "report") {
    process.send!({ type: "report", report: server.emulator.throttleReport() });
  } else if (message.type === "close") {
    await server.close();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
