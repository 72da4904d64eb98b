// Defects 4, 5, 30 and 31: credentials are never printed, and malformed ones are usage errors
// (exit 2) that name the variable, before any request is sent.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { fakeServer, type FakeServer } from "../helpers/fake-server.js";
import { REPO_ROOT } from "../helpers/seat-repo.js";

let server: FakeServer;
beforeAll(async () => {
  server = await fakeServer((_req, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }));
  });
});
afterAll(() => server.close());

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const SECRET = "ghp_FAKEsecret123";

async function run(env: NodeJS.ProcessEnv, argv = ["plan"]) {
  const io = captureIo();
  const code = await main([...argv, "--dir", REPO_ROOT], { io, env: { GITHUB_API_URL: server.url, SEATS_RETRY_BASE_MS: "1", ...env } });
  return { code, out: io.stdout, err: io.stderr };
}

describe("defects 4, 5, 30, 31: credentials", () => {
  it.each([
    { name: "defect 4: a token with a line break", env: { GITHUB_TOKEN: `${SECRET}\nTAIL` }, says: "GITHUB_TOKEN contains a line break" },
    { name: "defect 4: a token with a control character", env: { GITHUB_TOKEN: `${SECRET}\u0007` }, says: "GITHUB_TOKEN contains control characters" },
    { name: "defect 31: smart quotes from copy-paste", env: { GITHUB_TOKEN: `\u201c${SECRET}\u201d` }, says: "GITHUB_TOKEN contains typographic quotes" },
    { name: "defect 31: other non-ASCII", env: { GITHUB_TOKEN: `${SECRET}\u00e9` }, says: "GITHUB_TOKEN contains non-ASCII characters" },
    { name: "defect 4: a token with a 'token ' prefix", env: { GITHUB_TOKEN: `token ${SECRET}` }, says: "GITHUB_TOKEN contains spaces" },
    { name: "defect 4: user:password in --api-url", env: { GITHUB_TOKEN: "t", GITHUB_API_URL: `http://user:${SECRET}@127.0.0.1:9` }, says: "GITHUB_API_URL must not contain a user name or password" },
    {
      name: "defect 5: a damaged PEM key",
      env: { GITHUB_APP_ID: "123", GITHUB_APP_PRIVATE_KEY: `-----BEGIN RSA PRIVATE KEY-----${SECRET}-----END RSA PRIVATE KEY-----`, GITHUB_APP_INSTALLATION_ID: "456" },
      says: "GITHUB_APP_PRIVATE_KEY is not a valid RSA private key",
    },
    { name: "defect 5: a key file path instead of the key", env: { GITHUB_APP_ID: "123", GITHUB_APP_PRIVATE_KEY: `/home/me/${SECRET}.pem`, GITHUB_APP_INSTALLATION_ID: "456" }, says: "GITHUB_APP_PRIVATE_KEY looks like a file path" },
    { name: "defect 5: a non-numeric installation id", env: { GITHUB_APP_ID: "123", GITHUB_APP_PRIVATE_KEY: PEM, GITHUB_APP_INSTALLATION_ID: "xyz" }, says: "GITHUB_APP_INSTALLATION_ID must be a number" },
    { name: "defect 5: a non-numeric App id", env: { GITHUB_APP_ID: "my-app", GITHUB_APP_PRIVATE_KEY: PEM, GITHUB_APP_INSTALLATION_ID: "456" }, says: "GITHUB_APP_ID must be the App's numeric ID" },
    {
      name: "defect 30: a token and an incomplete App",
      env: { GITHUB_TOKEN: SECRET, GITHUB_APP_ID: "123" },
      says: "the GitHub App variables take precedence over GITHUB_TOKEN, so unset them to use the token",
    },
  ])("$name → exit 2 naming the variable, never the value", async ({ env, says }) => {
    for (const argv of [["plan"], ["import", "--org", "acme-corp"], ["reclaim"]]) {
      const r = await run(env, argv);
      expect(r.err, argv[0]).toContain(says);
      expect(r.code, argv[0]).toBe(2);
      expect(r.err + r.out).not.toContain(SECRET);
      expect(r.err).not.toContain("internal error");
    }
    expect(server.requests).toEqual([]);
  });

  it("defect 30: with both a token and a complete App, it says the App is used", async () => {
    const r = await run({ GITHUB_TOKEN: SECRET, GITHUB_APP_ID: "123", GITHUB_APP_PRIVATE_KEY: PEM, GITHUB_APP_INSTALLATION_ID: "456" });
    expect(r.err).toContain("warning: both GITHUB_TOKEN and the GitHub App variables are set; using the GitHub App");
    expect(r.err + r.out).not.toContain(SECRET);
    expect(r.err).not.toContain("BEGIN RSA");
  });

  it("defect 4: a token the server rejects is never echoed", async () => {
    const r = await run({ GITHUB_TOKEN: SECRET });
    expect(r.code).toBe(1);
    expect(r.err + r.out).not.toContain(SECRET);
  });
});
