/**
 * Load only what is used: a bundle of the main entry that uses one client carries that service's
 * operation and surface tables and not the others' (esbuild, minified, tree-shaken), and the main
 * entry never loads the combined table of every service (generated/operations.ts).
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("a one-client bundle", () => {
  it("PowerAppsAdminClient alone carries only the Power Apps admin tables", async () => {
    const code = await bundle(`import { PowerAppsAdminClient } from "./src/index.ts"; export const c = new PowerAppsAdminClient();`);
    expect(code).toContain("Get-AdminApps");
    expect(code).not.toContain("ListBillingPolicies");
    expect(code).not.toContain("api.gov.powerplatform.microsoft.us");
  }, 60_000);

  it("PowerPlatformClient alone carries only the Power Platform tables", async () => {
    const code = await bundle(`import { PowerPlatformClient } from "./src/index.ts"; export const c = new PowerPlatformClient();`);
    expect(code).toContain("ListBillingPolicies");
    expect(code).not.toContain("Get-AdminApps");
    expect(code).not.toContain("gov.service.powerapps.us");
  }, 60_000);

  it("BapAdminClient alone carries only the BAP tables", async () => {
    const code = await bundle(`import { BapAdminClient } from "./src/index.ts"; export const c = new BapAdminClient();`);
    expect(code).toContain("Get-DlpPolicies");
    expect(code).not.toContain("Get-AdminApps");
    expect(code).not.toContain("Get-AdminFlows");
    expect(code).not.toContain("ListBillingPolicies");
  }, 60_000);

  it("PowerAutomateAdminClient alone carries only the Power Automate admin tables", async () => {
    const code = await bundle(`import { PowerAutomateAdminClient } from "./src/index.ts"; export const c = new PowerAutomateAdminClient();`);
    expect(code).toContain("Get-AdminFlows");
    expect(code).not.toContain("Get-DlpPolicies");
    expect(code).not.toContain("Get-AdminApps");
  }, 60_000);
});
