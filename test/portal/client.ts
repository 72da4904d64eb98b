// A cookie-keeping HTTP client for the portal tests (no browser): signs in through the emulator's
// OAuth pages the way a browser would, and reads CSRF tokens from the forms.
import type { PortalWorld } from "../../scripts/portal/world.js";

export interface Visitor {
  cookies: Map<string, string>;
  get(p: string): Promise<Response>;
  post(p: string, form: Record<string, string>): Promise<Response>;
  csrf(): Promise<string>;
  cookieHeader(): string;
}

export function visitor(world: PortalWorld): Visitor {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const k = pair!.slice(0, i);
      const v = pair!.slice(i + 1);
      if (/Max-Age=0/.test(c)) cookies.delete(k);
      else cookies.set(k, v);
    }
    return res;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const v: Visitor = {
    cookies,
    cookieHeader,
    get: async (p) => keep(await fetch(new URL(p, world.portal.url), { headers: { cookie: cookieHeader() }, redirect: "manual" })),
    post: async (p, form) => keep(await fetch(new URL(p, world.portal.url), { method: "POST", headers: { cookie: cookieHeader() }, body: new URLSearchParams(form), redirect: "manual" })),
    csrf: async () => {
      const page = await (await v.get("/")).text();
      const m = /name="_csrf" value="([^"]+)"/.exec(page);
      if (!m) throw new Error("no CSRF token on the page (not signed in?)");
      return m[1]!;
    },
  };
  return v;
}

/** The whole OAuth web flow over HTTP: /auth/login → emulator authorize → POST as `login` → callback. */
export async function signIn(world: PortalWorld, login: string): Promise<Visitor> {
  const v = visitor(world);
  const start = await v.get("/auth/login");
  const authorize = new URL(start.headers.get("location")!);
  const form = new URLSearchParams({ login });
  for (const k of ["client_id", "redirect_uri", "state", "scope"]) form.set(k, authorize.searchParams.get(k) ?? "");
  const picked = await fetch(new URL("/login/oauth/authorize", authorize), { method: "POST", body: form, redirect: "manual" });
  const callback = new URL(picked.headers.get("location")!);
  const done = await v.get(callback.pathname + callback.search);
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status} ${await done.text()}`);
  return v;
}

/** Waits until `check` holds, polling (PRs open in the background); fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
