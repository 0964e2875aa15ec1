/**
 * Power Pages in the emulator, driven through the SDK's facade: created and deleted websites appear
 * in and disappear from the list; start, stop, restart, conversion and firewall changes show in the
 * site's `status` (and the firewall's) on reads; rules, the IP allow list, host names, SSL bindings
 * and uploaded certificates read back what was written. Every exchange is checked against the spec. Time is a
 * manual clock shared by the SDK and the emulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, PowerPlatformError } from "../../src/index.js";
import { attachContractValidation } from "../support/contractHarness.js";
import { settle } from "../support/settle.js";
import { mountEmulators, platformClient } from "../reliability/harness.js";

const clock = createManualClock();
const DURATION = 4_000;
const { emulator } = mountEmulators({ seed: 5, environments: 2, appsPerEnvironment: 1, clock, operationDurationInMs: DURATION });
const pp = platformClient(emulator, { clock, pollIntervalInMs: 1_000 });
const contract = attachContractValidation(emulator);
afterEach(() => {
  contract.assertClean();
  contract.violations.length = 0;
});

const environmentId = () => emulator.state.environments[0]!.name;
const newSite = (subdomain: string) => ({
  environmentId: environmentId(),
  name: `Site ${subdomain}`,
  subdomain,
  templateName: "StarterLayout2",
  selectedBaseLanguage: 1033,
  dataverseOrganizationId: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
});

async function listed(): Promise<{ id?: string; status?: unknown; name?: unknown }[]> {
  const sites = [];
  for await (const site of pp.powerPages.websites.list({ environmentId: environmentId() })) sites.push(site);
  return sites;
}

/** A website created through the SDK, with its provisioning finished. */
async function created(subdomain: string): Promise<string> {
  const poller = await pp.powerPages.websites.beginCreate(newSite(subdomain));
  const done = await settle(clock, poller.pollUntilDone());
  return String(done.id);
}

describe("websites", () => {
  it("a created website is in the list at once, provisioning until its operation ends", async () => {
    const before = (await listed()).length;
    const poller = await pp.powerPages.websites.beginCreate(newSite("contoso-new"));
    const id = poller.operationId;
    const during = (await listed()).find((s) => s.id === id);
    expect(during).toMatchObject({ status: "OperationInProgress", name: "Site contoso-new" });
    expect((await listed()).length).toBe(before + 1);
    const done = await settle(clock, poller.pollUntilDone());
    expect(done).toMatchObject({ id, status: "OperationComplete", packageInstallStatus: "Installed", subdomain: "contoso-new", type: "Trial" });
    expect(await pp.powerPages.websites.get({ environmentId: environmentId(), id })).toMatchObject({ status: "OperationComplete", websiteUrl: "https://contoso-new.powerappsportals.com" });
  });

  it("refuses a subdomain that is taken", async () => {
    await created("taken");
    await expect(pp.powerPages.websites.beginCreate(newSite("taken"))).rejects.toMatchObject({ status: 400, code: "SubdomainNotAvailable" });
  });

  it("a deleted website disappears from the list and from reads once its delete has run", async () => {
    const id = await created("short-lived");
    const poller = await pp.powerPages.websites.beginDelete({ environmentId: environmentId(), id });
    expect((await listed()).find((s) => s.id === id)).toMatchObject({ status: "OperationInProgress" });
    await settle(clock, poller.pollUntilDone());
    expect(poller.isDone()).toBe(true);
    expect((await listed()).some((s) => s.id === id)).toBe(false);
    const missing = await pp.powerPages.websites.get({ environmentId: environmentId(), id }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PowerPlatformError);
    expect(missing).toMatchObject({ status: 404 });
  });

  it("stop, start and restart show in status on reads; a stopped site cannot be restarted", async () => {
    const id = await created("lifecycle");
    const site = { environmentId: environmentId(), id };
    await pp.powerPages.websites.stop(site);
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ status: "OperationInProgress" });
    await clock.advance(DURATION);
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ status: "OperationComplete" });
    await expect(pp.powerPages.websites.restart(site)).rejects.toMatchObject({ status: 400, code: "WebsiteStopped" });
    await pp.powerPages.websites.start(site);
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ status: "OperationInProgress" });
    await clock.advance(DURATION);
    await pp.powerPages.websites.restart(site);
    expect((await listed()).find((s) => s.id === id)).toMatchObject({ status: "OperationInProgress" });
    await clock.advance(DURATION);
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ status: "OperationComplete" });
  });

  it("visibility and conversion to production show on reads", async () => {
    const id = await created("going-live");
    const site = { environmentId: environmentId(), id };
    await pp.powerPages.websites.setVisibility({ ...site, siteVisibility: "public" });
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ siteVisibility: "public" });
    const poller = await pp.powerPages.websites.beginConvertToProduction({ ...site, EnableWAF: true });
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("Creating");
    await settle(clock, poller.pollUntilDone());
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ type: "Production", status: "OperationComplete" });
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("Created");
  });
});

describe("web application firewall", () => {
  it("enable, rules, policy settings and disable are visible on reads", async () => {
    const id = await created("guarded");
    const site = { environmentId: environmentId(), id };
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("None");
    await expect(pp.powerPages.websites.waf.createRules({ ...site, customRules: [] })).rejects.toMatchObject({ status: 400, code: "WafNotEnabled" });

    const enabling = await pp.powerPages.websites.waf.beginEnable(site);
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("Creating");
    await settle(clock, enabling.pollUntilDone());
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("Created");

    const rule = (name: string, priority: number) => ({
      name, priority, enabledState: "Enabled", ruleType: "MatchRule", action: "Block",
      matchConditions: [{ matchVariable: "RequestUri", operator: "Contains", matchValue: [`/${name}`] }],
    });
    await pp.powerPages.websites.waf.createRules({ ...site, customRules: [rule("first", 100), rule("second", 200)], managedRules: [{ RuleSetType: "Microsoft_DefaultRuleSet", RuleSetVersion: "2.1", RuleSetAction: "Block" }] });
    const rules = await pp.powerPages.websites.waf.getRules(site);
    expect(rules?.CustomRules?.map((r) => r.name)).toEqual(["first", "second"]);
    expect(rules?.ManagedRules?.map((r) => r.RuleSetType)).toEqual(["Microsoft_DefaultRuleSet"]);

    await pp.powerPages.websites.waf.deleteCustomRules({ ...site, body: ["first"] });
    expect((await pp.powerPages.websites.waf.getRules(site))?.CustomRules?.map((r) => r.name)).toEqual(["second"]);

    expect(await pp.powerPages.websites.waf.updatePolicySettings({ ...site, mode: "Detection" })).toMatchObject({ mode: "Detection" });
    expect(await pp.powerPages.websites.waf.updatePolicySettings({ ...site, captchaExpirationInMinutes: 15 })).toMatchObject({ mode: "Detection", captchaExpirationInMinutes: 15 });

    expect(await pp.powerPages.websites.waf.disable(site)).toBe("None");
    expect(await pp.powerPages.websites.waf.getStatus(site)).toBe("None");
    expect(await pp.powerPages.websites.waf.getRules(site)).toEqual({ CustomRules: [], ManagedRules: [] });
  });
});

describe("allow list, host names and SSL bindings", () => {
  it("read back what was added and removed", async () => {
    const id = await created("networked");
    const site = { environmentId: environmentId(), id };
    expect(await pp.powerPages.websites.allowedIpAddresses.get(site)).toEqual([]);
    await pp.powerPages.websites.allowedIpAddresses.add({ ...site, IpAddresses: [{ IpAddress: "203.0.113.0/24", IpAddressType: "IPv4" }, { IpAddress: "2001:db8::/48", IpAddressType: "IPv6" }] });
    await pp.powerPages.websites.allowedIpAddresses.remove({ ...site, IpAddresses: [{ IpAddress: "203.0.113.0/24" }] });
    expect(await pp.powerPages.websites.allowedIpAddresses.get(site)).toEqual([{ IpAddress: "2001:db8::/48", IpAddressType: "IPv6" }]);

    await pp.powerPages.websites.customDomains.add({ ...site, customDomain: "Partners.Contoso.com" });
    expect(await pp.powerPages.websites.customDomains.get(site)).toEqual(["partners.contoso.com"]);
    expect(await pp.powerPages.websites.get(site)).toMatchObject({ customHostNames: ["partners.contoso.com"] });

    const binding = { ...site, hostName: "partners.contoso.com", thumbprint: "3b1f6c2a9d4e5f60718293a4b5c6d7e8f9012345" };
    await pp.powerPages.websites.sslBindings.add(binding);
    expect(await pp.powerPages.websites.sslBindings.get({ ...site, hostName: "partners.contoso.com" })).toEqual([{ Name: "partners.contoso.com", Thumbprint: "3B1F6C2A9D4E5F60718293A4B5C6D7E8F9012345" }]);
    await pp.powerPages.websites.sslBindings.delete(binding);
    expect(await pp.powerPages.websites.sslBindings.get({ ...site, hostName: "partners.contoso.com" })).toEqual([]);

    await pp.powerPages.websites.customDomains.delete({ ...site, hostName: "partners.contoso.com" });
    expect(await pp.powerPages.websites.customDomains.get(site)).toEqual([]);
  });

  it("an uploaded certificate (a multipart form) is listed by type until deleted", async () => {
    const id = await created("certified");
    const site = { environmentId: environmentId(), id };
    const thumbprint = await pp.powerPages.websites.certificates.upload({ ...site, certType: "SSL", file: new Uint8Array([0x30, 0x82, 0x0a, 0x71]), password: "secret" });
    expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(await pp.powerPages.websites.certificates.get({ ...site, certType: "SSL" })).toEqual([expect.objectContaining({ Thumbprint: thumbprint, Type: "SSL" })]);
    expect(await pp.powerPages.websites.certificates.get({ ...site, certType: "MANAGED" })).toEqual([]);
    await expect(pp.powerPages.websites.certificates.upload({ ...site, certType: "SSL", file: "", password: "secret" })).rejects.toThrow(TypeError); // refused before sending
    await pp.powerPages.websites.certificates.delete({ ...site, certType: "SSL", thumbprint: String(thumbprint) });
    expect(await pp.powerPages.websites.certificates.get({ ...site, certType: "SSL" })).toEqual([]);
  });
});
