// What a PR's policies/policy.yaml may make the trusted plan job read. The job reads GitHub with
// a token chosen by the default branch (the read-only App, whose installation is the repository
// owner's org, or the environment's enterprise read token, which reads every org and the
// enterprise its owner can), and the plan it computes is published on the PR (check run and
// comment) for anyone who can see the PR, fork authors included. So a PR must not choose which
// orgs or enterprise are read: they stay the default branch's (docs/workflows.md, seats-plan).
//
// Pure: the two policy files' text in, a refusal (one sentence) or undefined out.
import { POLICY_FILE } from "../model/types.js";
import { parsePolicyText } from "../reclaim/objections.js";

/** Why the PR's policy may not be planned, or undefined when it reads nothing the base does not. */
export function prScopeRefusal(baseText: string | undefined, prText: string | undefined): string | undefined {
  // An invalid or missing PR policy reads nothing: `seats plan` fails validation before any request.
  const pr = prText === undefined ? undefined : parsePolicyText(prText, POLICY_FILE);
  if (!pr) return undefined;
  const base = baseText === undefined ? undefined : parsePolicyText(baseText, POLICY_FILE);
  if (!base) return `the default branch has no valid ${POLICY_FILE}, so nothing bounds the orgs this PR's would have the plan read; fix the default branch first`;
  const known = new Set([base.org, ...base.orgs].map((o) => o.toLowerCase()));
  const named = [...new Map([pr.org, ...pr.orgs].map((o) => [o.toLowerCase(), o])).values()];
  const added: string[] = named.filter((o) => !known.has(o.toLowerCase())).map((o) => `org ${o}`);
  if (pr.enterprise !== undefined && pr.enterprise.toLowerCase() !== base.enterprise?.toLowerCase()) added.push(`enterprise ${pr.enterprise}`);
  if (!added.length) return undefined;
  return (
    `this PR's ${POLICY_FILE} names ${added.join(" and ")}, which the default branch's does not: the plan job reads only the orgs and ` +
    `enterprise the default branch names, so that a PR cannot publish another org's seats and members. An admin makes this change ` +
    `in a PR of its own, merges it (a ruleset bypass) and dispatches seats-apply with the checksum of a plan they ran locally (docs/workflows.md)`
  );
}
