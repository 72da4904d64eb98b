// The optional chat webhook: one JSON POST with a `text` field, which both Slack incoming
// webhooks and Microsoft Teams (incoming webhooks and Workflows' "post to a channel when a
// webhook request is received") render. The URL is a secret (it is the credential), so it comes
// from the environment, is never printed, and errors name only its host.
import { UsageError } from "../errors.js";

export const WEBHOOK_ENV = "SEATS_WEBHOOK_URL";
const TIMEOUT_MS = 10_000;

/** The webhook URL from the environment, or undefined when none is configured. */
export function webhookFromEnv(env: NodeJS.ProcessEnv): URL | undefined {
  const raw = env[WEBHOOK_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${WEBHOOK_ENV} is not a URL (the value is not shown: it is a secret)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`${WEBHOOK_ENV} must be an http(s) URL`);
  return url;
}

export interface WebhookPayload {
  text: string;
  /** Teams' legacy MessageCard reads `summary` for the notification line; Slack ignores it. */
  summary?: string;
}

/** Sends the payload; resolves to an error message (host only, never the URL) or undefined. */
export async function postWebhook(url: URL, payload: WebhookPayload, signal?: AbortSignal): Promise<string | undefined> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? undefined : `the webhook at ${url.host} answered HTTP ${res.status}`;
  } catch (err) {
    const why = timeout.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : signal?.aborted ? "the run was stopped" : "could not connect";
    void err;
    return `the webhook at ${url.host} failed: ${why}`;
  }
}
