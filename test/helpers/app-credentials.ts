// A GitHub App for tests: a fresh RSA key pair, the seed entry the emulator needs (public key
// only, like GitHub) and the environment the CLI reads (private key).
import { generateKeyPairSync } from "node:crypto";
import type { SeedApp } from "../../src/emulator/index.js";

export interface TestApp {
  seed: SeedApp;
  env: { GITHUB_APP_ID: string; GITHUB_APP_PRIVATE_KEY: string; GITHUB_APP_INSTALLATION_ID: string };
  privateKey: string;
}

export function testApp(opts: { id?: number; installationId?: number; permissions?: NonNullable<SeedApp["installations"]>[number]["permissions"] } = {}): TestApp {
  const id = opts.id ?? 4242;
  const installationId = opts.installationId ?? 77;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const priv = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return {
    seed: {
      id,
      slug: "seats-bot",
      public_key: publicKey.export({ type: "spki", format: "pem" }).toString(),
      installations: [{ id: installationId, ...(opts.permissions ? { permissions: opts.permissions } : {}) }],
    },
    env: { GITHUB_APP_ID: String(id), GITHUB_APP_PRIVATE_KEY: priv, GITHUB_APP_INSTALLATION_ID: String(installationId) },
    privateKey: priv,
  };
}
