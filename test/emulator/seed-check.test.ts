// The seed's member entries: what checkSeed accepts and the message for what it refuses.
import { describe, expect, it } from "vitest";
import { checkSeed } from "../../src/emulator/seed.js";

const seed = (members: unknown[]) => ({ org: { login: "acme" }, members });

describe("checkSeed members", () => {
  it.each([
    ["a login", ["ana"]],
    ["a role", [{ login: "ana", role: "admin" }]],
    ["a private membership", [{ login: "ana", public: false }]],
  ])("accepts %s", (_name, members) => {
    expect(checkSeed(seed(members)).members).toEqual(members);
  });
  it.each([
    ["a role that is not one", [{ login: "ana", role: "owner" }], "seed: members[0].role must be admin or member"],
    ["public that is not a boolean", ["bob", { login: "ana", public: "no" }], "seed: members[1].public must be true or false"],
    ["an entry without a login", [{ role: "admin" }], "seed: members[0] must be a login or {login, role}"],
  ])("refuses %s", (_name, members, message) => {
    expect(() => checkSeed(seed(members))).toThrow(message);
  });
});
