// `seats ci doctor`: before go-live (and whenever a token stops working), mint each App's token in
// its own job and probe the endpoints that job's workflows call. A failure prints GitHub's
// `x-accepted-github-permissions` header, which names the permission the App is missing.
import { httpStatus, type GitHubClient } from "../github/client.js";

export const ROLES = ["ro", "bot", "rw"] as const;
export type Role = (typeof ROLES)[number];

export interface Probe {
  what: string;
  route: string;
  params: Record<string, unknown>;
}

/**
 * The probes of one job's credentials. `orgs`: the org, or every org of `orgs:` in policy.yaml;
 * `scope`: more orgs and the `enterprise:` of policy.yaml, probed too (with the enterprise tokens,
 * docs/enterprise.md; a GitHub App would fail there, which is the point). With several orgs each
 * org's reads are named (an App installation belongs to one org, so the other orgs' probes show
 * what it cannot reach).
 */
export function probesFor(role: Role, orgs: string | readonly string[], owner: string, repo: string, branch: string, scope: { orgs?: readonly string[]; enterprise?: string | undefined } = {}): Probe[] {
  const list = [...new Map([...(typeof orgs === "string" ? [orgs] : orgs), ...(scope.orgs ?? [])].map((o) => [o.toLowerCase(), o])).values()];
  const named = list.length > 1;
  const orgReads: Probe[] = list.flatMap((org) =>
    [
      { what: "Copilot settings (GitHub Copilot Business: read)", route: "GET /orgs/{org}/copilot/billing", params: { org } },
      { what: "org members (Members: read)", route: "GET /orgs/{org}/members", params: { org, per_page: 1 } },
      { what: "org teams (Members: read)", route: "GET /orgs/{org}/teams", params: { org, per_page: 1 } },
    ].map((p) => (named ? { ...p, what: `${org}: ${p.what}` } : p)),
  );
  if (scope.enterprise) {
    orgReads.push({ what: "enterprise Copilot seats (classic token: manage_billing:copilot or read:enterprise)", route: "GET /enterprises/{enterprise}/copilot/billing/seats", params: { enterprise: scope.enterprise, per_page: 1 } });
  }
  const repoReads: Probe[] = [
    { what: "this repository (Contents)", route: "GET /repos/{owner}/{repo}", params: { owner, repo } },
    { what: "pull requests (Pull requests)", route: "GET /repos/{owner}/{repo}/pulls", params: { owner, repo, per_page: 1 } },
    { what: "check runs (Checks)", route: "GET /repos/{owner}/{repo}/commits/{ref}/check-runs", params: { owner, repo, ref: branch, per_page: 1 } },
  ];
  if (role === "bot") return [...repoReads, ...orgReads];
  return orgReads;
}

/** What a classic token's scopes are read from (GitHub answers any request with `x-oauth-scopes`). */
export const SCOPES_PROBE: Probe = { what: "the token's scopes (classic token)", route: "GET /user", params: {} };

/**
 * The scopes of a classic token (its `x-oauth-scopes` header) that do more than read. The read
 * token sits in environments without required reviewers, in jobs that read every PR's data and
 * issue text, so it must carry none: `read:org` and `read:enterprise` read everything it is used
 * for, while `manage_billing:copilot` or `admin:org` would let it buy and cancel seats.
 */
export function writeScopes(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith("read:") && s !== "user:email");
}

export interface ProbeResult {
  probe: Probe;
  status: number | undefined;
  /** `x-oauth-scopes` of a successful answer (classic and OAuth tokens only). */
  scopes?: string;
  accepted?: string;
  message?: string;
}

export async function runProbes(client: GitHubClient, probes: readonly Probe[]): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const probe of probes) {
    try {
      const res = await client.request(probe.route, probe.params);
      const scopes = (res.headers as Record<string, string | undefined>)["x-oauth-scopes"];
      out.push({ probe, status: res.status, ...(scopes !== undefined ? { scopes } : {}) });
    } catch (err) {
      const headers = (err as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
      out.push({
        probe,
        status: httpStatus(err),
        ...(headers["x-accepted-github-permissions"] ? { accepted: headers["x-accepted-github-permissions"] } : {}),
        message: (err as Error).message,
      });
    }
  }
  return out;
}

export function formatProbe(r: ProbeResult): string {
  const ok = r.status !== undefined && r.status < 300;
  const head = `${ok ? "ok  " : "FAIL"} ${r.probe.route.replace(/^GET /, "")} → ${r.status ?? "no answer"}: ${r.probe.what}`;
  if (ok) return head;
  return `${head}${r.accepted ? `\n     the endpoint accepts: ${r.accepted}` : ""}${r.message ? `\n     ${r.message}` : ""}`;
}
