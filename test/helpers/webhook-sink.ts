// A chat-webhook stand-in: records every JSON body POSTed to it and answers 200 (or the status
// set with `failWith`, for the next `times` requests or until reset). `hold()` leaves the next
// request unanswered (a test kills the sender meanwhile). Random port; close() ends every
// connection.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookSink {
  url: string;
  received: { text: string; summary?: string }[];
  /** Every POST it answered, refused ones included. */
  readonly attempts: number;
  failWith(status: number | undefined, times?: number): void;
  /** The next request is neither answered nor recorded; resolves when it has arrived. */
  hold(): Promise<void>;
  close(): Promise<void>;
}

export async function webhookSink(): Promise<WebhookSink> {
  const received: WebhookSink["received"] = [];
  let status: number | undefined;
  let failures = Infinity;
  let attempts = 0;
  let held: (() => void) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      attempts++;
      if (held) {
        held();
        held = undefined;
        return;
      }
      const refuse = status !== undefined && failures > 0 ? status : undefined;
      if (refuse !== undefined) failures--;
      if (refuse === undefined) received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as WebhookSink["received"][number]);
      res.writeHead(refuse ?? 200, { "content-type": "text/plain" }).end(refuse ? "no" : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-part`,
    received,
    get attempts() {
      return attempts;
    },
    failWith: (s, times = Infinity) => {
      status = s;
      failures = times;
    },
    hold: () => new Promise<void>((r) => (held = r)),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
