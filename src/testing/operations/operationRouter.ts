/**
 * Routes a method and path to an operation of the generated emulator model: a segment tree (literal
 * segments before parameters, case-insensitive), built once. Also works out, per operation, which
 * parent resources its path names and must exist (`/billingPolicies/{id}/environments` needs the
 * policy), so a missing parent answers 404 whatever the operation.
 */
import { emulatorModel, type EmulatorOperation, type EmulatorSpecModel } from "../../../generated/emulator-model.js";

/** A spec, by its file name in `openapi/`. */
export type SpecName = string;

/** A parent a path names: the collection template and the parameter that picks the item in it. */
export interface ParentCheck {
  readonly collection: string;
  readonly param: string;
}

/** One routed operation. */
export interface RouteInfo {
  readonly spec: SpecName;
  readonly service: string;
  readonly operation: EmulatorOperation;
  /** Whether the spec shows the gateway's flat error envelope. */
  readonly gatewayErrors: boolean;
  readonly parents: readonly ParentCheck[];
  /** Path parameter names in path order. */
  readonly paramNames: readonly string[];
  /** The api-versions the service accepts on every route, sorted. */
  readonly apiVersions: readonly string[];
}

/** A match: the route and its decoded path parameters. */
export interface RouteMatch {
  readonly route: RouteInfo;
  readonly params: Record<string, string>;
}

interface Node {
  literal: Map<string, Node>;
  param: Node | null;
  methods: Map<string, RouteInfo>;
}

const newNode = (): Node => ({ literal: new Map(), param: null, methods: new Map() });
const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The spec file name of each service. */
export const specOfService: Readonly<Record<string, SpecName>> = Object.fromEntries(emulatorModel.map((m) => [m.service, m.spec]));

/**
 * The resources a path names that must exist: `X/{p}` where the spec can get that item, or (for the
 * resource the operation belongs to, the last one) where `X` is a list the spec serves; and
 * `environments/{x}` at the top of a namespace, which names one of the tenant's environments.
 */
function parentChecks(path: string, getPaths: ReadonlySet<string>, listPaths: ReadonlySet<string>, environments: string | undefined): ParentCheck[] {
  const segments = path.split("/");
  const checks: ParentCheck[] = [];
  // The resource a sub-collection or an action belongs to: `X/{p}/literal`.
  const owner = isParam(segments.at(-1) ?? "") ? -1 : segments.length - 2;
  for (let i = 2; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    if (!isParam(segment)) continue;
    const prefix = segments.slice(0, i + 1).join("/");
    const collection = segments.slice(0, i).join("/");
    const param = segment.slice(1, -1);
    if (getPaths.has(prefix) || (i === owner && listPaths.has(collection))) checks.push({ collection, param });
    else if (environments && segments[i - 1] === "environments" && !collection.includes("{")) checks.push({ collection: environments, param });
  }
  return checks;
}

/**
 * The versions a service accepts on every route: each operation's default and the other versions
 * its api-version parameter lists (`x-ppadmin-api-versions`), sorted. (A service's routes share one
 * gate, so a version one operation documents is accepted on all.)
 */
function serviceApiVersions(models: readonly EmulatorSpecModel[], service: string): string[] {
  const operations = models.filter((m) => m.service === service).flatMap((m) => m.operations);
  return [...new Set(operations.flatMap((o) => o.apiVersions ?? [o.defaultApiVersion]))].filter(Boolean).sort();
}

/** Per service of the generated model, the accepted versions that are no operation's default. */
export const EXTRA_API_VERSIONS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...new Set(emulatorModel.map((m) => m.service))].map((service) => {
    const defaults = new Set(emulatorModel.filter((m) => m.service === service).flatMap((m) => m.operations.map((o) => o.defaultApiVersion)));
    return [service, serviceApiVersions(emulatorModel, service).filter((v) => !defaults.has(v))];
  }),
);

function build(models: readonly EmulatorSpecModel[], environmentsCollection?: string): { root: Node; routes: RouteInfo[] } {
  const root = newNode();
  const all = models.flatMap((m) => m.operations);
  const getPaths = new Set(all.filter((o) => o.kind === "get").map((o) => o.path));
  const listPaths = new Set(all.filter((o) => o.kind === "list").map((o) => o.path));
  // The tenant's environments: the shortest top-level `…/environments` list (the Power Platform API's, when there).
  const environments = environmentsCollection ?? all.filter((o) => o.kind === "list" && /^\/[^{}]*\/environments$/.test(o.path)).sort((a, b) => a.path.length - b.path.length)[0]?.path;
  const routes: RouteInfo[] = [];
  for (const model of models) {
    const apiVersions = serviceApiVersions(models, model.service);
    for (const operation of model.operations) {
      const route: RouteInfo = {
        apiVersions, spec: model.spec, service: model.service, operation, gatewayErrors: model.gatewayErrors, parents: parentChecks(operation.path, getPaths, listPaths, environments), paramNames: [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!) };
      routes.push(route);
      let node = root;
      for (const segment of operation.path.split("/").slice(1)) {
        if (isParam(segment)) {
          node.param ??= newNode();
          node = node.param;
        } else {
          const key = segment.toLowerCase();
          let next = node.literal.get(key);
          if (!next) node.literal.set(key, (next = newNode()));
          node = next;
        }
      }
      node.methods.set(operation.method.toUpperCase(), route);
    }
  }
  return { root, routes };
}

/** A router over spec models (the generated ones by default). */
export class OperationRouter {
  private readonly root: Node;
  readonly routes: readonly RouteInfo[];
  private readonly byId = new Map<string, RouteInfo>();

  /** `environmentsCollection`: where the tenant's environments are, when the models do not list them. */
  constructor(models: readonly EmulatorSpecModel[] = emulatorModel, environmentsCollection?: string) {
    ({ root: this.root, routes: this.routes } = build(models, environmentsCollection));
    for (const route of this.routes) this.byId.set(route.operation.operationId, route);
  }

  /** The route of an operation id. */
  route(operationId: string): RouteInfo {
    const route = this.byId.get(operationId);
    if (!route) throw new Error(`operation ${operationId} is not in the emulator model`);
    return route;
  }

  /**
   * The operation for `method` on `pathname`. Literal segments win over parameters, but a path whose
   * literal reading has no such method is tried with parameters too (`GET …/environments/add` is
   * the get of the environment `add` when only `POST …/environments/add` is literal). When no reading
   * has the method, `allowed` lists the methods the path has (empty: the path is unknown).
   */
  match(method: string, pathname: string): RouteMatch | { allowed: string[] } {
    const segments = pathname.split("/");
    if (segments.at(-1) === "") segments.pop();
    const wanted = method.toUpperCase();
    const values: string[] = [];
    const allowed = new Set<string>();
    const node = this.walk(this.root, segments, 1, values, wanted, allowed);
    if (!node) return { allowed: [...allowed].sort() };
    const route = node.methods.get(wanted)!;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => (params[name] = values[values.length - 1 - i]!));
    return { route, params };
  }

  /**
   * Depth-first, literal before parameter, to the first node with `method`; `values` collects
   * parameter values innermost first, `allowed` the methods of path-matching nodes without it.
   */
  private walk(node: Node, segments: string[], i: number, values: string[], method: string, allowed: Set<string>): Node | undefined {
    if (i === segments.length) {
      if (node.methods.has(method)) return node;
      for (const m of node.methods.keys()) allowed.add(m);
      return undefined;
    }
    const segment = segments[i]!;
    const literal = node.literal.get(segment.toLowerCase());
    const viaLiteral = literal && this.walk(literal, segments, i + 1, values, method, allowed);
    if (viaLiteral) return viaLiteral;
    if (!node.param || segment === "") return undefined;
    const found = this.walk(node.param, segments, i + 1, values, method, allowed);
    if (found) values.push(decodeSegment(segment));
    return found;
  }
}

const generated = new OperationRouter();

/** Every operation of the generated model. */
export function allRoutes(): readonly RouteInfo[] {
  return generated.routes;
}

/** The routes of the generated model whose path matches `pathname`, whatever their method. */
export function routesForPath(pathname: string): RouteInfo[] {
  return generated.routes.filter((r) => {
    const m = generated.match(r.operation.method, pathname);
    return "route" in m && m.route === r;
  });
}

/** The router over the generated model. */
export const generatedRouter = generated;
