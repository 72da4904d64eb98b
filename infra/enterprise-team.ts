// Enterprise teams in the Pulumi program. The GitHub provider has no enterprise-team resource, so
// this is a dynamic provider (Pulumi's way to manage a resource a provider lacks) whose
// create/read/update/delete live in enterprise-team-ops.ts, on the project's Octokit client.
// Same safety rules as org teams (team.ts, docs/pulumi.md "Renames and deletions"):
// - `previously:` slugs alias the resource, so a rename is an in-place update (PATCH keeps the id);
// - protect when the team grants Copilot seats, so removing the folder fails the update instead
//   of deleting a team that holds seats;
// - memberships are part of the resource and synced with the bulk endpoints; an empty roster
//   empties the team (unlike org teams, nothing here stops the API from expressing "nobody").
// Only a module URL string is captured by Pulumi's closure serialization: the provider imports
// the operations module when the engine calls it (the dynamic-provider host runs with the
// project's `--import tsx`, Pulumi.yaml).
import * as pulumi from "@pulumi/pulumi";
import type { EnterpriseTeamInputs, EnterpriseTeamOutputs } from "./enterprise-team-ops.js";

const OPS_MODULE = new URL("./enterprise-team-ops.ts", import.meta.url).href;

type Ops = typeof import("./enterprise-team-ops.js");

/**
 * Node's own import(), built at run time: a test runner or bundler rewrites a literal import()
 * into a helper that captures its own state, which Pulumi's closure serialization cannot carry.
 */
function nativeImport(url: string): Promise<Ops> {
  const load = new Function("url", "return import(url)") as (url: string) => Promise<Ops>;
  return load(url);
}

export class EnterpriseTeamProvider implements pulumi.dynamic.ResourceProvider<EnterpriseTeamInputs, EnterpriseTeamOutputs> {
  /** `load` is how the operations module is imported (tests running in a module sandbox pass theirs). */
  constructor(
    private readonly opsModule: string = OPS_MODULE,
    private readonly load: (url: string) => Promise<Ops> = nativeImport,
  ) {}

  private ops(): Promise<Ops> {
    return this.load(this.opsModule);
  }

  async create(inputs: EnterpriseTeamInputs): Promise<pulumi.dynamic.CreateResult<EnterpriseTeamOutputs>> {
    return (await this.ops()).createTeam(inputs);
  }

  async read(id: string, props?: EnterpriseTeamOutputs): Promise<pulumi.dynamic.ReadResult<EnterpriseTeamOutputs>> {
    if (!props) return { id };
    const found = await (await this.ops()).readTeam(id, props);
    // Gone on GitHub: an empty result tells the engine the resource no longer exists.
    return found ?? {};
  }

  async update(id: string, olds: EnterpriseTeamOutputs, news: EnterpriseTeamInputs): Promise<pulumi.dynamic.UpdateResult<EnterpriseTeamOutputs>> {
    return { outs: await (await this.ops()).updateTeam(id, olds, news) };
  }

  async delete(id: string, props: EnterpriseTeamOutputs): Promise<void> {
    await (await this.ops()).deleteTeam(id, props);
  }

  async diff(_id: string, olds: EnterpriseTeamOutputs, news: EnterpriseTeamInputs): Promise<pulumi.dynamic.DiffResult> {
    return (await this.ops()).diffTeam(olds, news);
  }
}

/** Pulumi name of an enterprise team's resource (its folder); the dynamic type keeps URNs apart from org teams. */
export const enterpriseResourceName = (slug: string): string => `ent-${slug}`;

export interface EnterpriseTeamArgs {
  enterprise: string;
  apiUrl?: string;
  name: string;
  description: string;
  members: string[];
  /** Folder slug and its old slugs. */
  slug: string;
  previously: string[];
  /** Grants Copilot seats (copilot: users | team): protected against deletion. */
  protect: boolean;
}

export class EnterpriseTeam extends pulumi.dynamic.Resource {
  declare readonly slug: pulumi.Output<string>;
  declare readonly members: pulumi.Output<string[]>;

  constructor(args: EnterpriseTeamArgs, provider: pulumi.dynamic.ResourceProvider = sharedProvider) {
    const inputs: EnterpriseTeamInputs = {
      enterprise: args.enterprise,
      ...(args.apiUrl ? { apiUrl: args.apiUrl } : {}),
      name: args.name,
      description: args.description,
      members: args.members,
    };
    super(provider, enterpriseResourceName(args.slug), { ...inputs, slug: undefined }, {
      protect: args.protect,
      aliases: args.previously.map((old) => ({ name: enterpriseResourceName(old) })),
    });
  }
}

const sharedProvider = new EnterpriseTeamProvider();
