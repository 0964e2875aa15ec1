import { describe, expect, it } from "vitest";
import { dlpConnectorClassification, dlpPolicyAppliesTo, type DlpPolicyShape } from "../../../src/bap/dlpEvaluation.js";

const envRef = (name: string) => ({ name, id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${name}` });
const policy = (environmentType: string, environments: string[], extra: object = {}): DlpPolicyShape => ({
  policyDefinition: { name: "p1", environmentType, environments: environments.map(envRef), ...extra },
});

describe("dlpPolicyAppliesTo", () => {
  it("AllEnvironments applies everywhere", () => {
    expect(dlpPolicyAppliesTo(policy("AllEnvironments", []), "Default-t")).toBe(true);
  });

  it("OnlyEnvironments and SingleEnvironment apply to the listed environments only", () => {
    for (const type of ["OnlyEnvironments", "SingleEnvironment"]) {
      expect(dlpPolicyAppliesTo(policy(type, ["env-a"]), "env-a")).toBe(true);
      expect(dlpPolicyAppliesTo(policy(type, ["env-a"]), "env-b")).toBe(false);
    }
  });

  it("ExceptEnvironments applies to all but the listed ones", () => {
    expect(dlpPolicyAppliesTo(policy("ExceptEnvironments", ["env-a"]), "env-a")).toBe(false);
    expect(dlpPolicyAppliesTo(policy("ExceptEnvironments", ["env-a"]), "env-b")).toBe(true);
  });

  it("matches names case-insensitively and accepts a full environment id", () => {
    expect(dlpPolicyAppliesTo(policy("OnlyEnvironments", ["Env-A"]), envRef("env-a").id)).toBe(true);
  });

  it("refuses to guess for an environmentType it does not know", () => {
    expect(() => dlpPolicyAppliesTo(policy("SomeNewScope", []), "env-a")).toThrow(RangeError);
    expect(() => dlpPolicyAppliesTo({} as DlpPolicyShape, "env-a")).toThrow(TypeError);
  });
});

describe("dlpConnectorClassification", () => {
  const full = policy("AllEnvironments", [], {
    defaultConnectorsClassification: "General",
    connectorGroups: [
      { classification: "Confidential", connectors: [{ id: "/providers/Microsoft.PowerApps/apis/shared_sharepointonline", name: "SharePoint" }] },
      { classification: "General", connectors: [] },
      { classification: "Blocked", connectors: [{ id: "/providers/Microsoft.PowerApps/apis/shared_twitter", name: "Twitter" }] },
    ],
  });

  it("finds the group of a listed connector, by short name or full id", () => {
    expect(dlpConnectorClassification(full, "shared_twitter")).toEqual({ classification: "Blocked", byDefault: false });
    expect(dlpConnectorClassification(full, "/providers/Microsoft.PowerApps/apis/shared_SharePointOnline")).toEqual({
      classification: "Confidential",
      byDefault: false,
    });
  });

  it("gives an unlisted connector the policy's default classification", () => {
    expect(dlpConnectorClassification(full, "shared_office365")).toEqual({ classification: "General", byDefault: true });
  });

  it("says to read the policy when given a list summary without connector groups", () => {
    expect(() => dlpConnectorClassification(policy("AllEnvironments", []), "shared_twitter")).toThrow(/dlpPolicies\.get/);
  });
});
