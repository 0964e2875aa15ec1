/**
 * Power Pages websites beyond storage. Every operation that changes a site (create, start, stop,
 * restart, conversion, firewall creation, delete) leaves its `status` at `OperationInProgress` for
 * `operationDurationInMs` on the emulator clock, then `OperationComplete`; a deleted site disappears
 * from reads once its delete has run. The 202 answers point `Operation-Location` at the site itself,
 * whose `status` the SDK's poller reads (the reference does not say where the service points it).
 * The firewall (status, custom and managed rules, policy settings), the IP allow list, custom host
 * names, SSL bindings and uploaded certificates are kept per site and read back by their GETs.
 */
import { checkParents } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { retryAfterSeconds } from "../operations/longRunning.js";
import type { OperationId } from "../../../generated/operations.js";
import { generatedRouter } from "../operations/operationRouter.js";
import { clone, jsonAnswer, notFound, serviceError, type WireAnswer } from "../http/wire.js";
import type { ReadHook } from "../tenant/emulatorState.js";
import { fillTemplate, type Doc, type ResourceStore } from "../tenant/resourceStore.js";

/** Operations whose examples (or collection) the behaviours read; each id is spelled once in src/. */
const READS = {
  site: "GetWebsiteById",
  wafStatus: "GetWAFStatus",
  wafRules: "GetWAFRules",
  wafPolicy: "UpdateWafPolicySettings",
  allowList: "GetAllowedIpAddresses",
  certificates: "GetCertificatesByPortal",
} as const satisfies Record<string, OperationId>;

const WEBSITES = generatedRouter.route(READS.site).operation.collection!;
const exampleOf = (operationId: OperationId): unknown => clone(generatedRouter.route(operationId).operation.example);

/** What a site keeps besides its document. */
interface SiteFacts {
  /** When the operation running on the site ends (0: none). */
  busyUntil: number;
  /** What the running operation does to the site when it ends. */
  onDone: ((site: Doc) => void) | null;
  deleting: boolean;
  stopped: boolean;
  waf: { status: string; custom: Doc[]; managed: Doc[] };
  bindings: Doc[];
  certificates: Doc[];
}

const facts = new WeakMap<Doc, SiteFacts>();
/** Sites with an operation running, per store (a reset starts a new store). */
const running = new WeakMap<ResourceStore, Map<Doc, string>>();

/** A seeded site (from the spec's examples) has the examples' firewall; a created one has none. */
function factsOf(site: Doc, created = false): SiteFacts {
  let found = facts.get(site);
  if (!found) {
    const rules = (created ? {} : exampleOf(READS.wafRules)) as Doc;
    found = {
      busyUntil: 0,
      onDone: null,
      deleting: false,
      stopped: false,
      waf: {
        status: created ? "None" : String(exampleOf(READS.wafStatus) ?? "Created"),
        custom: rules.CustomRules ?? [],
        managed: rules.ManagedRules ?? [],
      },
      bindings: [],
      certificates: created ? [] : ((exampleOf(READS.certificates) as Doc[] | null) ?? []),
    };
    facts.set(site, found);
  }
  return found;
}

/** Ends every site operation whose time has come (the read hook of the websites). */
const settle: ReadHook = (state) => {
  const now = state.time.now();
  const sites = running.get(state.store);
  if (!sites) return;
  for (const [site, path] of sites) {
    const f = factsOf(site);
    if (now < f.busyUntil) continue;
    sites.delete(site);
    f.busyUntil = 0;
    const done = f.onDone;
    f.onDone = null;
    if (f.deleting) {
      if (state.store.get(path, String(site.id)) === site) state.store.remove(path, String(site.id));
      continue;
    }
    site.status = "OperationComplete";
    done?.(site);
  }
};

function websitesPath(call: OperationCall): string {
  return fillTemplate(WEBSITES, call.params);
}

/** The site the path names (its environment checked first), or 404. */
function siteOf(call: OperationCall): Doc {
  checkParents(call);
  call.state.settle(WEBSITES);
  const id = call.params.id ?? "";
  const site = call.state.store.get(websitesPath(call), id, WEBSITES);
  if (!site) throw notFound("id", id);
  return site;
}

/** Starts an operation on the site: `status` is `OperationInProgress` until it ends. */
function begin(call: OperationCall, site: Doc, onDone: ((site: Doc) => void) | null = null): SiteFacts {
  const { state } = call;
  const f = factsOf(site);
  f.busyUntil = state.time.now() + state.options.operationDurationInMs;
  f.onDone = onDone;
  site.status = "OperationInProgress";
  let sites = running.get(state.store);
  if (!sites) running.set(state.store, (sites = new Map()));
  sites.set(site, websitesPath(call));
  return f;
}

/** The 202 of a long-running site operation: Operation-Location is the site, whose status tells. */
function accepted(call: OperationCall, site: Doc): WireAnswer {
  const url = new URL(`${call.baseUrl}${websitesPath(call)}/${encodeURIComponent(String(site.id))}`);
  url.searchParams.set("api-version", call.apiVersion);
  return { status: 202, headers: { "Operation-Location": url.toString(), "Retry-After": retryAfterSeconds(call.state.options.operationDurationInMs / 2) } };
}

const create: Behaviour = (call) => {
  checkParents(call);
  const { state, body } = call;
  const environment = call.params.environmentId ?? "";
  const path = websitesPath(call);
  state.settle(WEBSITES);
  for (const other of state.store.collection(path, WEBSITES).values()) {
    if (String(other.subdomain).toLowerCase() === String(body.subdomain).toLowerCase()) {
      throw serviceError(400, "SubdomainNotAvailable", `The subdomain '${body.subdomain}' is already used by another website.`);
    }
  }
  const template = ((generatedRouter.route(READS.site).operation.example as Doc | null) ?? {}) as Doc;
  const site: Doc = {
    ...clone(template),
    id: state.random.guid(),
    name: body.name,
    createdOn: state.time.iso(),
    templateName: body.templateName,
    websiteUrl: `https://${String(body.subdomain).toLowerCase()}.powerappsportals.com`,
    tenantId: state.tenantId,
    environmentId: environment,
    dataverseOrganizationId: body.dataverseOrganizationId,
    selectedBaseLanguage: body.selectedBaseLanguage,
    customHostNames: [],
    websiteRecordId: body.websiteRecordId ?? state.random.guid(),
    subdomain: body.subdomain,
    packageInstallStatus: "Installing",
    type: "Trial",
    trialExpiringInDays: 30,
    suspendedWebsiteDeletingInDays: 0,
    siteVisibility: "private",
  };
  state.store.put(path, String(site.id), site, WEBSITES);
  state.store.claim(fillTemplate(generatedRouter.route(READS.allowList).operation.collection!, { ...call.params, id: String(site.id) }));
  factsOf(site, true);
  begin(call, site, (done) => (done.packageInstallStatus = "Installed"));
  return accepted(call, site);
};

const remove: Behaviour = (call) => {
  const site = siteOf(call);
  const f = begin(call, site);
  f.deleting = true;
  return accepted(call, site);
};

const start: Behaviour = (call) => {
  const site = siteOf(call);
  begin(call, site);
  factsOf(site).stopped = false;
  return { status: 200 };
};

const stop: Behaviour = (call) => {
  const site = siteOf(call);
  begin(call, site);
  factsOf(site).stopped = true;
  return { status: 200 };
};

const restart: Behaviour = (call) => {
  const site = siteOf(call);
  if (factsOf(site).stopped) throw serviceError(400, "WebsiteStopped", `The website '${site.id}' is stopped; start it instead of restarting it.`);
  begin(call, site);
  return { status: 200 };
};

const convertToProduction: Behaviour = (call) => {
  const site = siteOf(call);
  // The body's firewall switch, matched without regard to case as the service's binder does.
  const withWaf = Object.entries((call.body ?? {}) as Doc).some(([key, value]) => key.toLowerCase() === "enablewaf" && value === true);
  const f = begin(call, site, (done) => {
    done.type = "Production";
    done.trialExpiringInDays = 0;
    if (withWaf) f.waf.status = "Created";
  });
  if (withWaf) f.waf.status = "Creating";
  return accepted(call, site);
};

const setVisibility: Behaviour = (call) => {
  const site = siteOf(call);
  const value = call.url.searchParams.get("siteVisibility");
  if (value) site.siteVisibility = value.toLowerCase();
  return { status: 200 };
};

const enableWaf: Behaviour = (call) => {
  const site = siteOf(call);
  const f = factsOf(site);
  if (f.waf.status === "Creating" || f.waf.status === "Deleting") throw serviceError(409, "Conflict", `The firewall of website '${site.id}' is being changed; try again later.`);
  if (f.waf.status !== "Created") {
    f.waf.status = "Creating";
    begin(call, site, () => (f.waf.status = "Created"));
  } else begin(call, site);
  return accepted(call, site);
};

const disableWaf: Behaviour = (call) => {
  const f = factsOf(siteOf(call));
  f.waf = { status: "None", custom: [], managed: [] };
  // The policy settings (kept by the generic write at their route) go with the firewall.
  call.state.store.setDocument(fillTemplate(generatedRouter.route(READS.wafPolicy).operation.path, call.params), undefined);
  return jsonAnswer(200, f.waf.status);
};

const wafStatus: Behaviour = (call) => jsonAnswer(200, factsOf(siteOf(call)).waf.status);

/** The firewall of the site, which must exist for its rules and settings to change. */
function firewall(call: OperationCall): SiteFacts["waf"] {
  const site = siteOf(call);
  const { waf } = factsOf(site);
  if (waf.status !== "Created") throw serviceError(400, "WafNotEnabled", `Website '${site.id}' has no web application firewall (status ${waf.status}); enable it first.`);
  return waf;
}

const wafRules: Behaviour = (call) => {
  const { waf } = factsOf(siteOf(call));
  return jsonAnswer(200, { CustomRules: clone(waf.custom), ManagedRules: clone(waf.managed) });
};

const createWafRules: Behaviour = (call) => {
  const waf = firewall(call);
  for (const rule of (call.body?.customRules ?? []) as Doc[]) {
    waf.custom = [...waf.custom.filter((r) => String(r.name).toLowerCase() !== String(rule.name).toLowerCase()), clone(rule)];
  }
  for (const set of (call.body?.managedRules ?? []) as Doc[]) {
    waf.managed = [...waf.managed.filter((r) => r.RuleSetType !== set.RuleSetType), clone(set)];
  }
  return { status: 202 };
};

const deleteWafCustomRules: Behaviour = (call) => {
  const waf = firewall(call);
  const names = new Set((Array.isArray(call.body) ? (call.body as unknown[]) : []).map((n) => String(n).toLowerCase()));
  waf.custom = waf.custom.filter((r) => !names.has(String(r.name).toLowerCase()));
  return { status: 202 };
};

/** The site's IP allow list: the collection the generic list of allowed addresses reads, keyed by address. */
const allowListOf = (call: OperationCall): Map<string, Doc> => {
  const template = generatedRouter.route(READS.allowList).operation.collection!;
  return call.state.store.collection(fillTemplate(template, call.params), template);
};

const allow: Behaviour = (call) => {
  siteOf(call);
  const list = allowListOf(call);
  for (const entry of call.body.IpAddresses as Doc[]) {
    const address = String(entry.IpAddress);
    list.set(address.toLowerCase(), { IpAddress: address, IpAddressType: entry.IpAddressType ?? (address.includes(":") ? "IPv6" : "IPv4") });
  }
  return { status: 204 };
};

const disallow: Behaviour = (call) => {
  siteOf(call);
  const list = allowListOf(call);
  for (const entry of call.body.IpAddresses as Doc[]) list.delete(String(entry.IpAddress).toLowerCase());
  return { status: 204 };
};

const hostNames: Behaviour = (call) => jsonAnswer(200, clone(siteOf(call).customHostNames ?? []));

const addHostName: Behaviour = (call) => {
  const site = siteOf(call);
  const name = (call.url.searchParams.get("customDomain") ?? "").toLowerCase();
  const names: string[] = site.customHostNames ?? [];
  if (name && !names.includes(name)) site.customHostNames = [...names, name];
  return { status: 200 };
};

const removeHostName: Behaviour = (call) => {
  const site = siteOf(call);
  const name = (call.url.searchParams.get("hostName") ?? "").toLowerCase();
  site.customHostNames = ((site.customHostNames ?? []) as string[]).filter((n) => n !== name);
  const f = factsOf(site);
  f.bindings = f.bindings.filter((b) => String(b.Name).toLowerCase() !== name);
  return { status: 200 };
};

const bindings: Behaviour = (call) => {
  const host = (call.url.searchParams.get("hostName") ?? "").toLowerCase();
  return jsonAnswer(200, clone(factsOf(siteOf(call)).bindings.filter((b) => String(b.Name).toLowerCase() === host)));
};

const bind: Behaviour = (call) => {
  const f = factsOf(siteOf(call));
  const Name = (call.url.searchParams.get("hostName") ?? "").toLowerCase();
  const Thumbprint = (call.url.searchParams.get("thumbprint") ?? "").toUpperCase();
  f.bindings = [...f.bindings.filter((b) => !(b.Name === Name && b.Thumbprint === Thumbprint)), { Name, Thumbprint }];
  return { status: 200 };
};

const unbind: Behaviour = (call) => {
  const f = factsOf(siteOf(call));
  const host = (call.url.searchParams.get("hostName") ?? "").toLowerCase();
  const thumbprint = (call.url.searchParams.get("thumbprint") ?? "").toUpperCase();
  f.bindings = f.bindings.filter((b) => !(b.Name === host && b.Thumbprint === thumbprint));
  return { status: 200 };
};

const certType = (call: OperationCall) => (call.url.searchParams.get("certType") ?? "").toUpperCase();

const certificates: Behaviour = (call) => {
  const type = certType(call);
  return jsonAnswer(200, clone(factsOf(siteOf(call)).certificates.filter((c) => String(c.Type).toUpperCase() === type)));
};

/** Stores an uploaded .pfx (the form's `file` and `password`) and answers with its thumbprint. */
const upload: Behaviour = (call) => {
  const site = siteOf(call);
  const { state } = call;
  const form = (call.body ?? {}) as Record<string, unknown>;
  if (typeof form.file !== "string" || form.file === "") throw serviceError(400, "InvalidCertificate", "The form has no certificate file.");
  if (typeof form.password !== "string" || form.password === "") throw serviceError(400, "InvalidCertificate", "The form has no certificate password.");
  const Thumbprint = `${state.random.guid()}${state.random.guid()}`.replace(/-/g, "").slice(0, 40).toUpperCase();
  const expires = new Date(state.time.now() + 365 * 24 * 3_600_000).toISOString();
  const f = factsOf(site);
  f.certificates = [...f.certificates, { Thumbprint, SubjectName: `CN=${site.subdomain}.powerappsportals.com`, ExpirationDate: expires, Location: "westeurope", Type: certType(call) || "SSL" }];
  return jsonAnswer(200, Thumbprint);
};

const deleteCertificate: Behaviour = (call) => {
  const f = factsOf(siteOf(call));
  const thumbprint = (call.url.searchParams.get("thumbprint") ?? "").toUpperCase();
  const type = certType(call);
  f.certificates = f.certificates.filter((c) => !(String(c.Thumbprint).toUpperCase() === thumbprint && String(c.Type).toUpperCase() === type));
  return { status: 200 };
};

/** Behaviours by operation id. */
export const powerPagesWebsiteBehaviours = {
  CreateWebsite: create,
  DeleteWebsite: remove,
  StartWebsite: start,
  StopWebsite: stop,
  RestartWebsite: restart,
  ConvertTrialToProduction: convertToProduction,
  UpdateSiteVisibility: setVisibility,
  EnableWAF: enableWaf,
  DisableWaf: disableWaf,
  [READS.wafStatus]: wafStatus,
  [READS.wafRules]: wafRules,
  CreateWafRules: createWafRules,
  DeleteWafCustomRules: deleteWafCustomRules,
  AddAllowedIpAddresses: allow,
  RemoveAllowedIpAddresses: disallow,
  ListHostNamesForPortal: hostNames,
  CreateCustomDomain: addHostName,
  DeleteHostNameForPortal: removeHostName,
  ListSslBindingsByThumbprints: bindings,
  AddSslBindingByPortal: bind,
  DeleteSslBindingByThumbprint: unbind,
  [READS.certificates]: certificates,
  UploadCertificate: upload,
  DeleteCertificateByPortal: deleteCertificate,
} satisfies Partial<Record<OperationId, Behaviour>>;

/** Read hooks by collection template. */
export const powerPagesWebsiteHooks: Record<string, ReadHook> = { [WEBSITES]: settle };

