// Objections pushed to the reclaim PR. The PR tells people to object by adding an
// `inactivity.exempt` entry to policies/policy.yaml on the PR branch; since every run rebuilds
// the branch from the base (force-update), those commits would be wiped. So each run reads the
// branch's policy.yaml first, honours the exemptions it adds, and carries the file over into the
// new commit, so that merging the PR also merges the exemptions.
//
// Carrying the whole file over is only safe when the branch's policy differs from the base's by
// added exemptions alone; otherwise (someone also changed `main`'s policy, or edited other keys
// on the branch) the exemptions still protect their users in this run, but the file is not
// carried, and the PR says so in a note. Pure: text in, decision out.
import { hasErrors } from "../model/findings.js";
import { resolvePolicy } from "../model/load.js";
import { loginKey } from "../model/logins.js";
import { checkSchema } from "../model/schemas.js";
import type { Exemption, PolicyFile, ResolvedPolicy } from "../model/types.js";
import { parseYamlText } from "../model/yaml-source.js";

export interface Objections {
  /** Exemptions on the branch that the base does not have. */
  added: Exemption[];
  /** True when the branch file can replace the base file (differs only by added exemptions). */
  carry: boolean;
  /** Why the branch file was not used or carried, for the PR note and the log. */
  problem?: string;
}

const exemptionKey = (e: Exemption) => `${loginKey(e.login)}\u0000${e.until}\u0000${e.reason}`;

export function parsePolicyText(text: string, file: string): ResolvedPolicy | undefined {
  const { source, findings } = parseYamlText(text, file);
  if (!source || hasErrors(findings)) return undefined;
  if (hasErrors(checkSchema("policy", source))) return undefined;
  return resolvePolicy(source.value as unknown as PolicyFile, file);
}

/** Compares the base's policy.yaml with the PR branch's (both as text). */
export function findObjections(baseText: string, branchText: string, file: string): Objections {
  if (baseText === branchText) return { added: [], carry: false };
  const base = parsePolicyText(baseText, file);
  const branch = parsePolicyText(branchText, file);
  if (!branch) {
    return { added: [], carry: false, problem: `${file} on the PR branch is not valid (run \`seats validate\` on the branch); its changes were ignored` };
  }
  if (!base) return { added: [], carry: false, problem: `${file} on the base branch is not valid; objections on the PR branch could not be compared` };
  const baseKeys = new Set(base.inactivity.exempt.map(exemptionKey));
  const added = branch.inactivity.exempt.filter((e) => !baseKeys.has(exemptionKey(e)));
  const branchKeys = new Set(branch.inactivity.exempt.map(exemptionKey));
  const keepsBase = base.inactivity.exempt.every((e) => branchKeys.has(exemptionKey(e)));
  const strip = (p: ResolvedPolicy) => JSON.stringify({ ...p, inactivity: { ...p.inactivity, exempt: [] } });
  const sameOtherwise = strip(base) === strip(branch);
  if (keepsBase && sameOtherwise) return { added, carry: added.length > 0 };
  const logins = added.map((e) => e.login).join(", ");
  return {
    added,
    carry: false,
    problem:
      `${file} on this PR branch differs from the base in more than added exemptions, so it is not carried over` +
      (added.length ? `; the exemptions it adds (${logins}) were honoured in this run but are not part of this PR: add them on the base branch` : ""),
  };
}

/** The policy with the branch's added exemptions merged in (for classification). */
export function withExemptions(policy: ResolvedPolicy, added: readonly Exemption[]): ResolvedPolicy {
  if (!added.length) return policy;
  return { ...policy, inactivity: { ...policy.inactivity, exempt: [...policy.inactivity.exempt, ...added] } };
}
