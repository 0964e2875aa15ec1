/**
 * Seed conformance: the Power Apps admin spec must carry every action of the "Power Apps for Admins"
 * connector reference, every parameter key the reference gives each action, and every field of its
 * Returns tables and Definitions. Deleting any action, parameter or field from the spec fails here.
 */
import { describe, expect, it } from "vitest";
import { loadSpec, operationsOf, pointerSegment, resolveRef, validatorFor, type Json } from "../support/specDocuments.js";
import { allPropertyNames, schemasAtPath } from "./schemaWalk.js";
import { seedActions, seedDefinitions } from "./seedConnector.js";

const doc = loadSpec("powerapps-admin");
const operations = new Map(operationsOf("powerapps-admin").map((op) => [op.operationId, op]));

/** The seed spells two path parameters of one action differently; the spec uses one name per thing (api-facts §2). */
const seedKeyAliases: Record<string, string> = { connector: "connectorName", connection: "connectionName" };

function requestBodySchema(operationId: string): Json | undefined {
  const body = resolveRef(doc, operations.get(operationId)?.operation.requestBody);
  return (body?.content as Json | undefined)?.["application/json"] ? (((body.content as Json)["application/json"] as Json).schema as Json) : undefined;
}

function okResponseSchema(operationId: string): Json {
  const response = resolveRef(doc, (operations.get(operationId)?.operation.responses as Json)["200"]);
  return ((response.content as Json)["application/json"] as Json).schema as Json;
}

describe("seed conformance: Power Apps for Admins connector", () => {
  it("lists the 16 connector actions", () => {
    expect(Object.keys(seedActions)).toHaveLength(16);
  });

  for (const [operationId, action] of Object.entries(seedActions)) {
    describe(operationId, () => {
      it("is an operation of the spec", () => {
        expect(operations.has(operationId), `${operationId} is missing from openapi/powerapps-admin.yaml`).toBe(true);
      });

      it("declares every parameter key the seed gives it", () => {
        const op = operations.get(operationId);
        expect(op, `${operationId} is missing`).toBeDefined();
        const paramNames = new Set(op!.parameters.map((p) => String(p.name)));
        const body = requestBodySchema(operationId);
        const bodyNames = body ? allPropertyNames(doc, body) : new Set<string>();
        const missing = action.params.filter((key) => {
          if (key === "Content-Type") return body === undefined; // a JSON request body carries the content type
          const name = seedKeyAliases[key] ?? key;
          return !paramNames.has(name) && !bodyNames.has(name);
        });
        expect(missing, `${operationId} lacks seed parameters`).toEqual([]);
      });

      if (action.returns.length > 0) {
        it("returns every field of the seed's Returns table", () => {
          const schema = okResponseSchema(operationId);
          const missing = action.returns.filter((p) => schemasAtPath(doc, schema, p).length === 0);
          expect(missing, `${operationId} response lacks seed fields`).toEqual([]);
        });
      }
    });
  }

  it("Get-AdminApps returns ResourceArray[PowerApp]: value and nextLink, each item a full PowerApp", () => {
    const schema = okResponseSchema("Get-AdminApps");
    const missing = [
      ...seedDefinitions.ResourceArrayPowerApp.filter((p) => schemasAtPath(doc, schema, p).length === 0),
      ...seedDefinitions.PowerApp.filter((p) => schemasAtPath(doc, schema, `value.${p}`).length === 0).map((p) => `value.${p}`),
    ];
    expect(missing).toEqual([]);
  });

  it("Get-AdminApp returns a PowerApp with every Definitions field", () => {
    const schema = okResponseSchema("Get-AdminApp");
    expect(seedDefinitions.PowerApp.filter((p) => schemasAtPath(doc, schema, p).length === 0)).toEqual([]);
  });

  it("models connectionReferences as an object map of ConnectionReference with every Definitions field", () => {
    const [refs] = schemasAtPath(doc, okResponseSchema("Get-AdminApp"), "properties.connectionReferences");
    expect(refs, "properties.connectionReferences is missing").toBeDefined();
    const entry = resolveRef(doc, refs!.additionalProperties);
    expect(entry && typeof entry === "object", "connectionReferences must be a map (additionalProperties)").toBe(true);
    const fields = allPropertyNames(doc, entry);
    expect(seedDefinitions.ConnectionReference.filter((f) => !fields.has(f))).toEqual([]);
  });

  it("Get-PowerAppConditionalAccess accepts the seed's array of strings", () => {
    const op = operations.get("Get-PowerAppConditionalAccess")!;
    const pointer = `#/paths/${pointerSegment(op.path)}/get/responses/200/content/${pointerSegment("application/json")}/schema`;
    const validate = validatorFor("powerapps-admin", pointer);
    expect(validate(["c1", "c2"])).toBe(true);
  });
});
