import { describe, expect, it } from "vitest";
import { errorFromResponse, PowerPlatformError, redactUrl } from "../../../src/core/errors.js";

const URL_ = "https://api.powerapps.com/providers/Microsoft.PowerApps/scopes/admin/environments/env-1/apps/app-1?api-version=2016-11-01";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

describe("errorFromResponse: body shapes", () => {
  it("{error:{code,message}}", async () => {
    const error = await errorFromResponse(json(404, { error: { code: "AppNotFound", message: "Could not find App 'app-1'." } }), "GET", URL_);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "PowerPlatformError", status: 404, code: "AppNotFound", method: "GET", details: [] });
    expect(error.message).toBe(`Could not find App 'app-1'. (HTTP 404 Not Found from GET ${URL_})`);
    expect(error.body).toBeUndefined(); // excerpts are for non-JSON bodies only
  });

  it("{error:{code,message,details}} keeps the details", async () => {
    const details = [{ code: "InputValidationError", message: "name is required", target: "name" }];
    const error = await errorFromResponse(json(400, { error: { code: "BadInput", message: "Invalid input.", details } }), "POST", URL_);
    expect(error).toMatchObject({ code: "BadInput", details });
  });

  it("BusinessAppPlatformRequestFailed keeps the outer code and surfaces the innermost detail", async () => {
    const body = {
      error: {
        code: "BusinessAppPlatformRequestFailed",
        message: "The request failed with client error: 'The environment '' could not be found in the tenant 't'.'. The correlation Id is 'c'.",
        details: [
          {
            code: "MultipleErrorsOccurred",
            message: "Multiple errors occurred. Please see details.",
            details: [{ code: "EnvironmentNotFound", message: "The environment '' could not be found in the tenant 't'." }],
          },
          { code: "FullNonLocalizedError", message: '{"error":{"code":"EnvironmentNotFound","message":"…"}}' },
        ],
      },
    };
    const error = await errorFromResponse(json(400, body), "GET", URL_);
    expect(error.code).toBe("BusinessAppPlatformRequestFailed");
    expect(error.message).toMatch(/^EnvironmentNotFound: The environment '' could not be found in the tenant 't'\. \(HTTP 400/);
    expect(error.details).toEqual(body.error.details);
  });

  it("gateway {code, message, innererror}", async () => {
    const innererror = { code: "ApiVersionUnsupported", message: "api-version 1999 is not supported" };
    const error = await errorFromResponse(
      json(400, { code: "ApiVersionUnsupportedForResource", message: "The api-version is not supported.", innererror }),
      "GET",
      URL_,
    );
    expect(error).toMatchObject({ code: "ApiVersionUnsupportedForResource", details: [innererror] });
    expect(error.message).toMatch(/^The api-version is not supported\. \(HTTP 400/);
  });

  it("RFC 7807 problem details", async () => {
    const body = { type: "https://example.com/probs/not-found", title: "Not Found", status: 404, detail: "No storage warnings.", instance: "/x" };
    const error = await errorFromResponse(
      new Response(JSON.stringify(body), { status: 404, headers: { "content-type": "application/problem+json" } }),
      "GET",
      URL_,
    );
    expect(error).toMatchObject({ status: 404, code: "NotFound" });
    expect(error.message).toMatch(/^Not Found: No storage warnings\. \(HTTP 404/);
  });

  it("EnvironmentManagement {errorDetail:{code, fieldErrors}}", async () => {
    const body = {
      errorDetail: {
        code: "ValidationFailed",
        fieldErrors: { $top: { errorMessages: ["must be at most 1000"], suggestedValue: "1000" } },
      },
    };
    const error = await errorFromResponse(json(400, body), "GET", URL_);
    expect(error.code).toBe("ValidationFailed");
    expect(error.message).toMatch(/^\$top: must be at most 1000 \(HTTP 400/);
    expect(error.details).toEqual([{ field: "$top", errorMessages: ["must be at most 1000"], suggestedValue: "1000" }]);
  });

  it("an array of errors leads with the first and keeps all", async () => {
    const body = [
      { code: "InvalidAmount", message: "amount must be positive", target: "amount" },
      { code: "InvalidDate", message: "endDate is before startDate" },
    ];
    const error = await errorFromResponse(json(400, body), "POST", URL_);
    expect(error).toMatchObject({ code: "InvalidAmount", details: body });
    expect(error.message).toMatch(/^amount must be positive/);
  });

  it("PascalCase {Message} as some gateways send it", async () => {
    const error = await errorFromResponse(json(500, { Message: "An error has occurred." }), "GET", URL_);
    expect(error).toMatchObject({ code: "InternalServerError" });
    expect(error.message).toMatch(/^An error has occurred\./);
  });

  it("JSON without any recognizable message keeps the body in details", async () => {
    const error = await errorFromResponse(json(502, { unexpected: true }), "GET", URL_);
    expect(error).toMatchObject({ code: "BadGateway", details: [{ unexpected: true }] });
    expect(error.message).toContain("HTTP 502 Bad Gateway from GET");
  });

  it("plain text: the message and body are an excerpt with whitespace folded", async () => {
    const error = await errorFromResponse(
      new Response("Upstream   connect error\n or disconnect/reset before headers", { status: 503, headers: { "content-type": "text/plain" } }),
      "GET",
      URL_,
    );
    expect(error).toMatchObject({ status: 503, code: "ServiceUnavailable", body: "Upstream connect error or disconnect/reset before headers" });
    expect(error.message).toBe(`Upstream connect error or disconnect/reset before headers (HTTP 503 Service Unavailable from GET ${URL_})`);
  });

  it("HTML: tags, scripts and styles stripped, entities decoded, at most 500 characters", async () => {
    const html = `<!DOCTYPE html><html><head><title>x</title><style>body{color:red}</style></head>
      <body><h1>502 &amp; Bad Gateway</h1><script>var secret = 1;</script><p>The server   encountered a temporary error.</p>
      <p>${"padding ".repeat(200)}</p></body></html>`;
    const error = await errorFromResponse(new Response(html, { status: 502, headers: { "content-type": "text/html" } }), "GET", URL_);
    expect(error.body).toMatch(/^502 & Bad Gateway The server encountered a temporary error\. padding/);
    expect(error.body!.length).toBeLessThanOrEqual(500);
    expect(error.body).not.toMatch(/<|secret|color:red/);
    expect(error.code).toBe("BadGateway");
  });

  it("an empty body", async () => {
    const error = await errorFromResponse(new Response(null, { status: 503 }), "GET", URL_);
    expect(error).toMatchObject({ status: 503, code: "ServiceUnavailable", details: [] });
    expect(error.message).toBe(`HTTP 503 Service Unavailable from GET ${URL_} with an empty body`);
  });

  it("a JSON content type with a body that is not JSON is reported as text", async () => {
    const error = await errorFromResponse(new Response('{"error":{"co', { status: 500, headers: { "content-type": "application/json" } }), "GET", URL_);
    expect(error).toMatchObject({ code: "InternalServerError", body: '{"error":{"co' });
  });
});

describe("errorFromResponse: codes, ids and hints", () => {
  it.each([
    [400, "BadRequest"],
    [401, "Unauthorized"],
    [403, "Forbidden"],
    [404, "NotFound"],
    [409, "Conflict"],
    [429, "Throttled"],
    [500, "InternalServerError"],
    [502, "BadGateway"],
    [503, "ServiceUnavailable"],
    [504, "GatewayTimeout"],
    [418, "Http418"],
  ])("falls back to a status name: %i → %s", async (status, code) => {
    expect((await errorFromResponse(new Response("", { status }), "GET", URL_)).code).toBe(code);
  });

  it("a 429 is always Throttled, keeping the service's own code in the message", async () => {
    const error = await errorFromResponse(json(429, { error: { code: "TooManyRequests", message: "Rate limit is exceeded." } }), "GET", URL_, 17_000);
    expect(error).toMatchObject({ code: "Throttled", retryAfterInMs: 17_000 });
    expect(error.message).toContain("[service code: TooManyRequests]");
  });

  it("a 403 'does not have permission to access the path' explains the management application registration", async () => {
    const error = await errorFromResponse(
      json(403, {
        error: {
          code: "Forbidden",
          message: "The service principal with id 'x' for application 'y' does not have permission to access the path '/providers/...' in tenant 't'.",
        },
      }),
      "GET",
      URL_,
    );
    expect(error.message).toContain("not registered as a Power Platform management application");
    expect(error.message).toContain("New-PowerAppManagementApp");
    expect(error.message).toContain("managementApplications.add({ applicationId })");
  });

  it("other 403s get no hint", async () => {
    const error = await errorFromResponse(json(403, { error: { code: "EnvironmentAccessDenied", message: "Access denied." } }), "GET", URL_);
    expect(error.message).not.toContain("management application");
  });

  it("reads request and correlation ids from the headers", async () => {
    const a = await errorFromResponse(
      new Response("", { status: 500, headers: { "x-ms-request-id": "req-1", "x-ms-correlation-request-id": "corr-1" } }),
      "GET",
      URL_,
    );
    expect(a).toMatchObject({ requestId: "req-1", correlationId: "corr-1" });
    const b = await errorFromResponse(
      new Response("", { status: 500, headers: { "request-id": "req-2", "x-ms-correlation-id": "corr-2" } }),
      "GET",
      URL_,
    );
    expect(b).toMatchObject({ requestId: "req-2", correlationId: "corr-2" });
    const c = await errorFromResponse(new Response("", { status: 500, headers: { "x-ms-client-request-id": "client-3" } }), "GET", URL_);
    expect(c.requestId).toBe("client-3");
  });
});

describe("PowerPlatformError", () => {
  it("redacts its URL and serializes without secrets", async () => {
    const error = new PowerPlatformError({
      status: 500,
      code: "InternalServerError",
      message: "boom",
      method: "GET",
      url: "https://api.powerapps.com/apps?api-version=2016-11-01&$skiptoken=SECRET&sig=SECRET",
      cause: new Error("Authorization: Bearer SECRET"),
    });
    expect(error.url).toBe("https://api.powerapps.com/apps?api-version=2016-11-01&$skiptoken=REDACTED&sig=REDACTED");
    expect(JSON.stringify(error)).not.toContain("SECRET");
    expect(String(error)).toBe("PowerPlatformError [500 InternalServerError]: boom");
    expect(error.cause).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "PowerPlatformError", status: 500, code: "InternalServerError" });
  });

  it("truncates a body excerpt to 500 characters", () => {
    const error = new PowerPlatformError({ status: 0, code: "X", message: "m", method: "GET", url: URL_, body: "a".repeat(2000) });
    expect(error.body).toHaveLength(500);
  });
});

describe("redactUrl", () => {
  it("keeps origin, path and the allow-listed query values", () => {
    const url =
      "https://api.powerplatform.com/environmentmanagement/environments?api-version=2024-10-01&$top=5&$skip=10&$filter=name%20eq%20%27x%27&$select=id&$orderby=name&appInstallState=All&lcid=1033";
    expect(redactUrl(url)).toBe(url);
  });

  it("redacts every other query value, including $skiptoken", () => {
    expect(redactUrl("https://api.powerapps.com/apps?api-version=2016-11-01&%24skiptoken=abc&code=xyz&flag")).toBe(
      "https://api.powerapps.com/apps?api-version=2016-11-01&%24skiptoken=REDACTED&code=REDACTED&flag",
    );
  });

  it("matches allow-listed names case-insensitively and when percent-encoded", () => {
    expect(redactUrl("https://h/p?API-Version=1&%24top=3")).toBe("https://h/p?API-Version=1&%24top=3");
  });

  it("drops user info and fragments", () => {
    expect(redactUrl("https://user:pw@h.example/p?x=1#frag")).toBe("https://h.example/p?x=REDACTED");
  });

  it("handles relative and invalid URLs", () => {
    expect(redactUrl("/apps?token=t")).toBe("/apps?token=REDACTED");
    expect(redactUrl("http://[bad")).toBe("[invalid URL]");
    expect(redactUrl("")).toBe("");
  });
});
