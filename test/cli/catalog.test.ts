/**
 * The command tree comes from the tables alone: every operation of every spec is a command, and a
 * service added to the registry (here a made-up one) brings its commands with no CLI change.
 */
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";
import { facadeMethodNames } from "../../src/client/facadeNames.js";
import type { SurfaceEntry } from "../../src/client/tables.js";
import type { ServiceDefinition } from "../../src/services/definition.js";
import { services } from "../../src/services/registry.js";
import { invocationOf, kebab, loadCatalog, loadSurface, loadSurfaceDetails, serviceWord } from "../../src/cli/catalog.js";
import { locate } from "../../src/cli/main.js";
import { describeCommand } from "../../src/cli/operation.js";
import { GLOBAL_FLAGS } from "../../src/cli/flags.js";

describe("ppadmin's commands", () => {
  it("every operation in generated/operations.ts has a command, and every command is found by its words", async () => {
    const catalog = await loadCatalog();
    const byOperation = new Map<string, string[]>();
    for (const command of catalog.commands) {
      const key = `${command.service.name}:${command.entry.operationId}`;
      byOperation.set(key, [...(byOperation.get(key) ?? []), invocationOf(command)]);
      const words = invocationOf(command).split(" ");
      const found = locate(catalog.root, [...words, "--output", "json"]);
      expect(found.node.command, words.join(" ")).toBe(command);
      expect(found.rest).toEqual(["--output", "json"]);
    }
    const services = Object.entries(operationTable);
    expect(services.length).toBeGreaterThanOrEqual(2);
    for (const [service, operations] of services) {
      for (const operationId of Object.keys(operations)) {
        expect(byOperation.get(`${service}:${operationId}`), `${service} ${operationId}`).toBeDefined();
      }
    }
  });

  it("every surface entry of every service is a command with a flag per argument", async () => {
    const catalog = await loadCatalog();
    for (const service of services) {
      const surface = await loadSurface(service);
      const details = await loadSurfaceDetails(service);
      for (const entry of surface) {
        for (const method of facadeMethodNames(entry)) {
          const command = catalog.commands.find((c) => c.service === service && c.entry === entry && c.facadeMethod === method);
          expect(command, `${service.name} ${entry.group.join(".")}.${method}`).toBeDefined();
          expect(command!.words).toEqual([...entry.group.map(kebab), kebab(method)]);
          const { argFlags } = await describeCommand(command!);
          if (command!.variant === "resume") continue;
          const args = details[[...entry.group, entry.method].join(".")]!.arguments;
          expect(argFlags.map((f) => f.argument.name)).toEqual(args.map((a) => a.name));
          for (const flag of argFlags) expect(Object.keys(GLOBAL_FLAGS)).not.toContain(flag.flag);
        }
      }
    }
  });

  it("a service added later brings its commands; a command two services share stays with the first, the other under its service's name", async () => {
    const base = services[0]!;
    const added: ServiceDefinition = { ...base, name: "flowAdmin", title: "Flow admin", module: "flow-admin", client: "FlowAdminClient" };
    const surface: SurfaceEntry[] = [
      { group: ["widgets", "runs"], method: "list", kind: "list", operationId: "Get-FlowRuns" },
      { group: ["apps"], method: "list", kind: "list", operationId: "Get-OtherApps" },
      { group: ["widgets"], method: "deleteFlow", kind: "begin", operationId: "Remove-Flow" },
    ];
    const catalog = await loadCatalog([...services, added], new Map([[added, surface]]));
    const words = (argv: string[]) => locate(catalog.root, argv).node.command;
    expect(words(["widgets", "runs", "list"])?.entry.operationId).toBe("Get-FlowRuns");
    expect(words(["widgets", "begin-delete-flow"])?.variant).toBe("begin");
    expect(words(["widgets", "resume-delete-flow"])?.variant).toBe("resume");
    // `apps list` was the Power Apps admin API's before the new service, and stays so.
    expect(words(["apps", "list"])?.service).toBe(base);
    expect(words([serviceWord(added), "apps", "list"])?.entry.operationId).toBe("Get-OtherApps");
    expect(words([serviceWord(base), "apps", "list"])?.service).toBe(base);
  });

  it("finds the command words around global flags and their values", async () => {
    const catalog = await loadCatalog();
    const found = locate(catalog.root, ["--output", "json", "apps", "-o", "csv", "list", "--environment", "list"]);
    expect(found.node.command?.entry.operationId).toBe(found.node.command && catalog.commands.find((c) => c.primary && c.words.join(" ") === "apps list")!.entry.operationId);
    expect(found.rest).toEqual(["--output", "json", "-o", "csv", "--environment", "list"]);
    expect(locate(catalog.root, ["apps", "lisst"]).unknown).toBe("lisst");
  });

  it("kebab-cases names as the issue spells them", () => {
    expect(kebab("setQuarantineState")).toBe("set-quarantine-state");
    expect(kebab("billingPolicies")).toBe("billing-policies");
    expect(kebab("$top")).toBe("top");
    expect(kebab("powerAutomateAdmin")).toBe("power-automate-admin");
  });
});
