// A minimal node:http server for P3/P4, run in its own process so that server work does not count
// as client CPU. Plain JavaScript (no tsx) to keep its own cost low. Prints `{"port":N}` when ready.
//
//   GET …/apps/{app}          → one fixed app (~534 bytes of JSON)
//   GET …/apps[?$skiptoken=N] → a page of PAGE_SIZE apps with a nextLink, ITEMS apps in all
import { createServer } from "node:http";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 250);
const ENVIRONMENT = "Default-24e65c51-9463-4999-a263-e233d3e19fd4";
const LIST_PATH = `/providers/Microsoft.PowerApps/scopes/admin/environments/${ENVIRONMENT}/apps`;

const guid = (n) => `b0957ec6-2908-4cda-88ce-${n.toString(16).padStart(12, "0")}`;
const app = (n) => ({
  name: guid(n),
  id: `${LIST_PATH}/${guid(n)}`,
  type: "Microsoft.PowerApps/scopes/admin/apps",
  properties: {
    displayName: `Expenses ${n}`,
    owner: { id: "7d504aa4-5ae7-43c1-997c-f8d92582eca3", displayName: "J. Lorenz", email: "johannal@contoso.com" },
    createdTime: "2022-11-06T19:32:58Z",
    executionRestrictions: { appQuarantineState: { quarantineStatus: "Quarantined" } },
  },
  appType: "ClassicCanvasApp",
});

const single = Buffer.from(JSON.stringify(app(1)));
const pages = new Map();
let origin = "";

function page(skip) {
  let body = pages.get(skip);
  if (!body) {
    const items = [];
    for (let n = skip; n < Math.min(skip + PAGE_SIZE, ITEMS); n++) items.push(app(n));
    const next = skip + PAGE_SIZE < ITEMS ? `${origin}${LIST_PATH}?api-version=2016-11-01&$skiptoken=${skip + PAGE_SIZE}` : undefined;
    body = Buffer.from(JSON.stringify(next ? { value: items, nextLink: next } : { value: items }));
    pages.set(skip, body);
  }
  return body;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", origin);
  let body;
  if (url.pathname === LIST_PATH) body = page(Number(url.searchParams.get("$skiptoken") ?? 0));
  else if (url.pathname.startsWith(`${LIST_PATH}/`)) body = single;
  else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  origin = `http://127.0.0.1:${port}`;
  process.stdout.write(`${JSON.stringify({ port, singleBytes: single.length, environment: ENVIRONMENT })}\n`);
});
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
