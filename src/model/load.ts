// load: turns `seats/` and `policies/` into one typed model (load → validate → plan).
// Every file is read, parsed and schema-checked; files with problems are left out of the model
// and reported as located findings, so the cross-file rules still run over the rest and a
// single `seats validate` reports every problem at once. The loader is the only part of
// validation that reads the disk: `seats/` is walked once here, and the files beside it that the
// rules compare against (.github/CODEOWNERS, the seat-PR workflow) are read into the model.
import { lstatSync, readdirSync, type Dirent } from "node:fs";
import path from "node:path";
import { codeownersRequired, readCodeowners } from "../codeowners/file.js";
import { compareFindings, finding, type Finding } from "./findings.js";
import { compareLogins } from "./logins.js";
import { checkSchema, type DefaultKey, schemaDefault } from "./schemas.js";
import type { MemberFile, PolicyFile, TeamFile } from "./schema-types.js";
import {
  type MemberDecl,
  POLICY_FILE,
  type ResolvedPolicy,
  type SeatModel,
  SEATS_DIR,
  TEAM_FILE,
  type TeamDecl,
} from "./types.js";
import { MAX_POLICY_BYTES, readYamlFile, type YamlSource } from "./yaml-source.js";
import { compareStrings } from "../text.js";

export interface LoadResult {
  model: SeatModel;
  /** Problems found while reading, parsing and schema-checking (not the cross-file rules). */
  findings: Finding[];
  /** False when policy.yaml is missing or invalid (the model then carries placeholder defaults). */
  policyValid: boolean;
}

/** Files that may sit in `seats/` (or a team folder) without being seat files. */
const IGNORED_NAMES = new Set(["readme.md", ".gitkeep"]);

// The resolvers fill in what a file leaves out. Every default is the `default` of its schema
// (policies/*.schema.json, the one place they are written; the README tables are checked
// against them); only defaults computed from other keys are written here.
const P = <K extends DefaultKey<"policy">>(key: K) => schemaDefault("policy", key);
const T = <K extends DefaultKey<"team">>(key: K) => schemaDefault("team", key);

export function resolvePolicy(raw: PolicyFile, file = POLICY_FILE): ResolvedPolicy {
  const days = raw.inactivity?.days ?? P("inactivity.days");
  return {
    org: raw.org,
    // Computed: the one org, unless several are listed.
    orgs: raw.orgs?.length ? [...raw.orgs] : [raw.org],
    enterprise_managed_users: raw.enterprise_managed_users ?? P("enterprise_managed_users"),
    ...(raw.enterprise !== undefined ? { enterprise: raw.enterprise } : {}),
    copilot: { billing: raw.copilot?.billing ?? P("copilot.billing") },
    seats: {
      ...(raw.seats?.budget !== undefined ? { budget: raw.seats.budget } : {}),
      unmanaged: raw.seats?.unmanaged ?? P("seats.unmanaged"),
      max_removal_ratio: raw.seats?.max_removal_ratio ?? P("seats.max_removal_ratio"),
      min_seats_for_ratio: raw.seats?.min_seats_for_ratio ?? P("seats.min_seats_for_ratio"),
    },
    teams: { invite_non_members: raw.teams?.invite_non_members ?? P("teams.invite_non_members") },
    self_service: { eligible_teams: raw.self_service?.eligible_teams ?? P("self_service.eligible_teams") },
    inactivity: {
      days,
      // Computed: a week before the seat becomes reclaimable.
      remind_days: raw.inactivity?.remind_days ?? Math.max(0, days - 7),
      new_seat_grace_days: raw.inactivity?.new_seat_grace_days ?? P("inactivity.new_seat_grace_days"),
      exempt: raw.inactivity?.exempt ?? P("inactivity.exempt"),
    },
    pricing: { usd_per_seat_month: raw.pricing?.usd_per_seat_month ?? P("pricing.usd_per_seat_month") },
    file,
  };
}

/** A team with its schema's defaults applied (builders in tests and benches use it too). */
export function resolveTeam(slug: string, raw: TeamFile, file = `seats/${slug}/_team.yaml`): TeamDecl {
  return {
    slug,
    name: raw.name,
    description: raw.description ?? T("description"),
    privacy: raw.privacy ?? T("privacy"),
    ...(raw.parent !== undefined ? { parent: raw.parent } : {}),
    maintainers: raw.maintainers ?? T("maintainers"),
    copilot: raw.copilot ?? T("copilot"),
    enrollment: raw.enrollment ?? T("enrollment"),
    previously: raw.previously ?? T("previously"),
    // Computed: without `org:` the team belongs to the policy's org (resolved where both are known).
    ...(raw.org !== undefined ? { org: raw.org } : {}),
    enterprise_team: raw.enterprise_team ?? T("enterprise_team"),
    file,
    members: [],
  };
}

function resolveMember(team: string, raw: MemberFile, file: string): MemberDecl {
  return {
    login: raw.login,
    reason: raw.reason,
    ...(raw.expires !== undefined ? { expires: raw.expires } : {}),
    ...(raw.id !== undefined ? { id: raw.id } : {}),
    team,
    file,
  };
}

function readDir(abs: string): Dirent[] | undefined {
  try {
    return readdirSync(abs, { withFileTypes: true }).sort((a, b) => compareStrings(a.name, b.name));
  } catch {
    return undefined;
  }
}

export function loadRepo(dir: string): LoadResult {
  const root = path.resolve(dir);
  const findings: Finding[] = [];
  const sources = new Map<string, YamlSource>();

  const parse = <T>(rel: string, schema: "policy" | "team" | "member", maxBytes?: number): T | undefined => {
    const r = readYamlFile(path.join(root, rel), rel, maxBytes);
    findings.push(...r.findings);
    if (!r.source) return undefined;
    sources.set(rel, r.source);
    const problems = checkSchema(schema, r.source);
    findings.push(...problems);
    return problems.length ? undefined : (r.source.value as T);
  };

  // Neither seats/ nor policies/ here: most likely the command ran in the wrong folder. Saying
  // "create policies/policy.yaml" would lead a newcomer to scatter stray files.
  const notARepo = !exists(path.join(root, SEATS_DIR)) && !exists(path.join(root, "policies"));
  const elsewhere = `run seats from the repo root (the folder holding seats/ and policies/) or pass --dir <path>`;

  // A linked seats/ or policies/ folder would let a PR point the tool at files outside the repo,
  // exactly what links inside them are refused for.
  for (const d of [SEATS_DIR, "policies"]) {
    if (isLink(path.join(root, d))) {
      findings.push(finding("stray-file", { file: d, line: 1, col: 1 }, `${d}/ is a symbolic link; links are not allowed for seat files`, `replace the link with the folder itself`));
    }
  }

  // policies/policy.yaml
  let policy: ResolvedPolicy | undefined;
  let emuFromRejectedPolicy: unknown;
  if (!exists(path.join(root, POLICY_FILE))) {
    const yml = exists(path.join(root, "policies/policy.yml"));
    findings.push(
      finding(
        "policy-missing",
        { file: yml ? "policies/policy.yml" : POLICY_FILE, line: 1, col: 1 },
        yml ? "the policy file must be named policies/policy.yaml, not policy.yml" : notARepo ? `${root} holds no seats/ and no policies/policy.yaml` : "policies/policy.yaml is missing",
        yml ? "rename policies/policy.yml to policies/policy.yaml" : notARepo ? elsewhere : "create it with at least `org: <your-org-login>`",
      ),
    );
  } else {
    const raw = parse<PolicyFile>(POLICY_FILE, "policy", MAX_POLICY_BYTES);
    if (raw) policy = resolvePolicy(raw);
    else emuFromRejectedPolicy = sources.get(POLICY_FILE)?.value;
  }

  // seats/<slug>/_team.yaml and seats/<slug>/<login>.yaml
  const teams: TeamDecl[] = [];
  const rejectedTeams: string[] = [];
  const members: MemberDecl[] = [];
  const seatsAbs = path.join(root, SEATS_DIR);
  const top = isLink(seatsAbs) ? [] : readDir(seatsAbs);
  if (!top) {
    findings.push(
      finding("seats-missing", { file: SEATS_DIR, line: 1, col: 1 }, "the seats/ folder is missing", notARepo ? elsewhere : "create seats/<team-slug>/_team.yaml"),
    );
  }
  for (const entry of top ?? []) {
    const rel = `${SEATS_DIR}/${entry.name}`;
    if (!entry.isDirectory() || entry.name.startsWith(".")) {
      if (entry.isFile() && IGNORED_NAMES.has(entry.name.toLowerCase())) continue;
      findings.push(strayFinding(rel, entry, "top"));
      continue;
    }
    const slug = entry.name;
    const files = readDir(path.join(seatsAbs, slug)) ?? [];
    const hasTeamFile = files.some((f) => f.name === TEAM_FILE && f.isFile());
    let team: TeamDecl | undefined;
    if (hasTeamFile) {
      const teamRel = `${rel}/${TEAM_FILE}`;
      const raw = parse<TeamFile>(teamRel, "team");
      if (raw) teams.push((team = resolveTeam(slug, raw, teamRel)));
      else rejectedTeams.push(slug);
    } else {
      const first = files.find((f) => f.isFile());
      findings.push(
        finding(
          "team-file-missing",
          { file: first ? `${rel}/${first.name}` : rel, line: 1, col: 1 },
          `team folder seats/${slug}/ has no ${TEAM_FILE}`,
          `add seats/${slug}/${TEAM_FILE} with \`name:\` (or move these files into an existing team folder)`,
        ),
      );
    }
    for (const f of files) {
      if (f.name === TEAM_FILE && f.isFile()) continue;
      const fileRel = `${rel}/${f.name}`;
      if (f.isFile() && IGNORED_NAMES.has(f.name.toLowerCase())) continue;
      if (!f.isFile() || !f.name.endsWith(".yaml") || f.name.startsWith(".") || f.name.startsWith("_")) {
        findings.push(strayFinding(fileRel, f, "team"));
        continue;
      }
      const raw = parse<MemberFile>(fileRel, "member");
      if (raw) {
        const m = resolveMember(slug, raw, fileRel);
        members.push(m);
        team?.members.push(m);
      }
    }
    team?.members.sort((a, b) => compareLogins(a.login, b.login) || (a.file < b.file ? -1 : 1));
  }

  if (top && !isLink(seatsAbs) && teams.length === 0 && rejectedTeams.length === 0 && !findings.some((f) => f.file.startsWith(`${SEATS_DIR}/`))) {
    findings.push(
      finding(
        "seats-empty",
        { file: SEATS_DIR, line: 1, col: 1 },
        "seats/ declares no teams, so nobody is declared to hold a seat (plan refuses to cancel every seat of an org)",
        "add seats/<team-slug>/_team.yaml and member files, or run `seats import --org <org>` to start from the organization",
        "warning",
      ),
    );
  }

  const model: SeatModel = {
    dir: root,
    policy: policy ?? placeholderPolicy(emuFromRejectedPolicy),
    teams,
    members: members.sort((a, b) => compareStrings(a.file, b.file)),
    sources,
    rejectedTeams,
    codeowners: { committed: readCodeowners(root), required: codeownersRequired(root) },
  };
  return { model, findings: findings.sort(compareFindings), policyValid: policy !== undefined };
}

/**
 * The policy the rules see when policy.yaml is missing or rejected: no org, no budget, no
 * exemptions (their checks need a valid policy). `enterprise_managed_users: true` is kept when it
 * is written correctly, so one typo elsewhere in policy.yaml does not also turn every EMU login
 * in seats/ into a follow-on "invalid login" error.
 */
function placeholderPolicy(rejected: unknown): ResolvedPolicy {
  const emu =
    typeof rejected === "object" && rejected !== null && (rejected as Record<string, unknown>).enterprise_managed_users === true;
  return resolvePolicy({ org: "", enterprise_managed_users: emu });
}

/** True when something (a file, or a link that the reader will then refuse) is at `abs`. */
function exists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function strayFinding(rel: string, entry: Dirent, where: "top" | "team"): Finding {
  const at = { file: rel, line: 1, col: 1 };
  if (entry.isSymbolicLink()) {
    return finding("stray-file", at, "symbolic links are not allowed in seats/", "replace the link with a regular file");
  }
  if (entry.isDirectory() && where === "top") {
    return finding(
      "stray-file",
      at,
      "hidden folders are not team folders",
      "remove it; team folders are named for the team's slug",
    );
  }
  if (entry.isDirectory()) {
    return finding(
      "stray-file",
      at,
      "folders inside a team folder are not allowed (teams are nested with `parent:` in _team.yaml)",
      "move it to seats/<slug>/ and set `parent:` in its _team.yaml",
    );
  }
  if (where === "top") {
    return finding(
      "stray-file",
      at,
      "files directly in seats/ are not seat files",
      "move it into a team folder: seats/<team-slug>/<login>.yaml",
    );
  }
  const lower = entry.name.toLowerCase();
  if (lower === TEAM_FILE || lower === "_team.yml") {
    return finding("stray-file", at, `the team file must be named exactly ${TEAM_FILE}`, `rename it to ${TEAM_FILE}`);
  }
  if (lower.endsWith(".yaml") && !entry.name.endsWith(".yaml") && !entry.name.startsWith(".")) {
    return finding("stray-file", at, "seat files must end in .yaml (lowercase)", `rename it to ${entry.name.slice(0, -5)}.yaml`);
  }
  if (entry.name.endsWith(".yml")) {
    return finding("stray-file", at, "seat files must end in .yaml, not .yml", `rename it to ${entry.name.slice(0, -4)}.yaml`);
  }
  return finding(
    "stray-file",
    at,
    "unexpected file in a team folder (only _team.yaml, <login>.yaml and README.md belong here)",
    "remove it, or rename it to <login>.yaml if it is a member file",
  );
}
