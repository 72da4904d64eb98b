// A pass-through proxy in front of the emulator that can hold one request's answer until the test
// lets it go: a write "on the wire" for as long as the test needs (to send a signal meanwhile),
// without relying on timing. close() ends every open connection.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface HoldingProxy {
  url: string;
  /** Resolves when the held request has reached the emulator (and been answered there). */
  held: Promise<string>;
  /** Sends the held answer on to the client. */
  release(): void;
  close(): Promise<void>;
}

/** Holds the answer of the first request for which `hold("METHOD /path")` is true. */
export async function holdingProxy(target: string, hold: (route: string) => boolean): Promise<HoldingProxy> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let onHeld!: (route: string) => void;
  const held = new Promise<string>((r) => (onHeld = r));
  let holding = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const route = `${req.method} ${req.url?.split("?")[0]}`;
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === "string" && k !== "host" && k !== "content-length")) as Record<string, string>;
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${target}${req.url}`, { method: req.method!, headers, ...(body ? { body } : {}) });
        const text = Buffer.from(await answer.arrayBuffer());
        if (!holding && hold(route)) {
          holding = true;
          onHeld(route);
          await released;
        }
        const out: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (k !== "content-encoding" && k !== "transfer-encoding" && k !== "content-length" && k !== "connection") out[k] = v;
        });
        res.writeHead(answer.status, out);
        res.end(text);
      })().catch((err: unknown) => {
        res.writeHead(502);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release,
    close: () =>
      new Promise<void>((r) => {
        release();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
