// A chat-webhook stand-in: records every JSON body POSTed to it and answers 200 (or the status
// set with `failWith`). Random port; close() ends every connection.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookSink {
  url: string;
  received: { text: string; summary?: string }[];
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function webhookSink(): Promise<WebhookSink> {
  const received: WebhookSink["received"] = [];
  let status: number | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (status === undefined) received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as WebhookSink["received"][number]);
      res.writeHead(status ?? 200, { "content-type": "text/plain" }).end(status ? "no" : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-part`,
    received,
    failWith: (s) => {
      status = s;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
