import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../../src/core/clouds.js";
import { clouds } from "../../../src/services/clouds.js";
import { bapService } from "../../../src/services/bap.js";
import { powerAppsAdminService } from "../../../src/services/powerAppsAdmin.js";
import { powerAutomateAdminService } from "../../../src/services/powerAutomateAdmin.js";
import { powerPlatformService } from "../../../src/services/powerPlatform.js";
import { resolveService as resolveByDefinition, type ServiceLocationOptions } from "../../../src/services/resolve.js";

const byName = { powerAppsAdmin: powerAppsAdminService, powerPlatform: powerPlatformService } as const;
const resolveService = (name: keyof typeof byName, options?: ServiceLocationOptions) => resolveByDefinition(byName[name], options);

describe("resolveService", () => {
  it("defaults to the public cloud", () => {
    expect(resolveService("powerAppsAdmin")).toEqual({
      endpoint: "https://api.powerapps.com",
      scope: "https://service.powerapps.com/.default",
    });
    expect(resolveService("powerPlatform")).toEqual({
      endpoint: "https://api.powerplatform.com",
      scope: "https://api.powerplatform.com/.default",
    });
  });

  it.each([
    ["gcc", "https://gov.api.powerapps.us", "https://gov.service.powerapps.us/.default", "https://api.gov.powerplatform.microsoft.us"],
    ["gcchigh", "https://high.api.powerapps.us", "https://high.service.powerapps.us/.default", "https://api.high.powerplatform.microsoft.us"],
    ["dod", "https://api.apps.appsplatform.us", "https://service.apps.appsplatform.us/.default", "https://api.appsplatform.us"],
    ["china", "https://api.powerapps.cn", "https://service.powerapps.cn/.default", "https://api.powerplatform.partner.microsoftonline.cn"],
  ] as const)("knows the %s cloud", (cloud, appsEndpoint, appsScope, platformEndpoint) => {
    expect(resolveService("powerAppsAdmin", { cloud })).toEqual({ endpoint: appsEndpoint, scope: appsScope });
    // The Power Platform API scope is always https://{its host}/.default.
    expect(resolveService("powerPlatform", { cloud })).toEqual({ endpoint: platformEndpoint, scope: `${platformEndpoint}/.default` });
  });

  // BAP takes the Power Apps audience; the Flow host its own (sources in openapi/bap.yaml, power-automate-admin.yaml).
  it.each([
    ["public", "api.bap.microsoft.com", "https://service.powerapps.com/.default", "api.flow.microsoft.com", "https://service.flow.microsoft.com/.default"],
    ["gcc", "gov.api.bap.microsoft.us", "https://gov.service.powerapps.us/.default", "gov.api.flow.microsoft.us", "https://gov.service.flow.microsoft.us/.default"],
    ["gcchigh", "high.api.bap.microsoft.us", "https://high.service.powerapps.us/.default", "high.api.flow.microsoft.us", "https://high.service.flow.microsoft.us/.default"],
    ["dod", "api.bap.appsplatform.us", "https://service.apps.appsplatform.us/.default", "api.flow.appsplatform.us", "https://service.flow.appsplatform.us/.default"],
    ["china", "api.bap.partner.microsoftonline.cn", "https://service.powerapps.cn/.default", "api.powerautomate.cn", "https://service.powerautomate.cn/.default"],
  ] as const)("knows BAP and Power Automate admin in the %s cloud", (cloud, bapHost, bapScope, flowHost, flowScope) => {
    expect(resolveByDefinition(bapService, { cloud })).toEqual({ endpoint: `https://${bapHost}`, scope: bapScope });
    expect(resolveByDefinition(powerAutomateAdminService, { cloud })).toEqual({ endpoint: `https://${flowHost}`, scope: flowScope });
  });

  it("carries the Entra authority host per cloud", () => {
    expect(clouds.gcchigh.authorityHost).toBe("https://login.microsoftonline.us");
    expect(clouds.china.authorityHost).toBe("https://login.chinacloudapi.cn");
  });

  it("lets endpoint and scope be overridden, returning the origin without a trailing slash", () => {
    expect(resolveService("powerPlatform", { endpoint: "https://custom.example.com/", scope: "api://x/.default" })).toEqual({
      endpoint: "https://custom.example.com",
      scope: "api://x/.default",
    });
  });

  it("keeps the cloud's scope when only the endpoint is overridden", () => {
    expect(resolveService("powerAppsAdmin", { cloud: "gcc", endpoint: "http://127.0.0.1:4010" })).toEqual({
      endpoint: "http://127.0.0.1:4010",
      scope: "https://gov.service.powerapps.us/.default",
    });
  });

  it("rejects an unknown cloud with a TypeError listing the valid names", () => {
    expect(() => resolveService("powerPlatform", { cloud: "usgov" as never })).toThrow(TypeError);
    expect(() => resolveService("powerPlatform", { cloud: "usgov" as never })).toThrow("public, gcc, gcchigh, dod, china");
    expect(() => resolveService("powerPlatform", { cloud: "toString" as never })).toThrow(TypeError);
  });

  it.each(["http://localhost:3000", "http://127.0.0.1:4010", "http://127.8.9.10", "http://[::1]:8080"])(
    "accepts plain http to the loopback host %s",
    (endpoint) => {
      expect(resolveService("powerPlatform", { endpoint }).endpoint).toBe(new URL(endpoint).origin);
    },
  );

  it.each([
    ["http to a remote host", "http://api.powerplatform.com"],
    ["a relative URL", "/providers"],
    ["not a URL", "api.powerplatform.com"],
    ["another scheme", "ftp://127.0.0.1"],
    ["a path", "https://api.powerplatform.com/v1"],
    ["a query", "https://api.powerplatform.com/?x=1"],
    ["credentials", "https://user:pass@api.powerplatform.com"],
    ["a lookalike of localhost", "http://localhost.evil.example"],
  ])("rejects %s with a TypeError", (_, endpoint) => {
    expect(() => resolveService("powerPlatform", { endpoint })).toThrow(TypeError);
  });
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.255.255.254", "::1", "[::1]", "[::ffff:7f00:1]", "::ffff:127.0.0.1"])(
    "%s is loopback",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(["example.com", "128.0.0.1", "10.0.0.1", "127.0.0.256", "127.0.0", "::2", "[::ffff:a00:1]", "localhost.example.com", "0.0.0.0"])(
    "%s is not loopback",
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});
