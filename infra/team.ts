// One declared team as a Pulumi component: a github.Team and its authoritative github.TeamMembers,
// both parented to the component. The resource count grows with teams, never with people.
//
// Safety options, and why (docs/pulumi.md "Renames and deletions" has the full story):
// - aliases: every `previously:` slug aliases the component and, explicitly, each child (a child's
//   URN is `<component type>$<child type>::<child name>` and the child name embeds the slug), so
//   a rename is an in-place update of the same GitHub team, never delete-and-recreate.
// - protect on the Team when it grants Copilot seats, so removing it fails the update.
// - retainOnDelete on TeamMembers, always: the provider's Delete removes every member from the
//   team. A rename changes `teamSlug`; provider versions differ on whether that is an update or a
//   replace (create new, delete old), and a resource-name refactor is always a replace: without
//   retainOnDelete that delete would empty the team. When the whole team goes away, deleting the
//   team itself removes its memberships anyway. The cost: a team whose last member file and
//   last maintainer are removed keeps its GitHub members (see the empty-team note below).
// - protect is set explicitly on both children: Pulumi children inherit `protect` from their
//   parent, and a protected TeamMembers could not be replaced on rename.
import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";
import { resourceNames, type TeamPlan } from "./plan.js";

export const TEAM_COMPONENT_TYPE = "copilot-seats:index:Team";

export interface SeatTeamArgs {
  plan: TeamPlan;
  provider: github.Provider;
  /** The parent team's component; must be constructed first (planTeams orders them). */
  parentTeam?: SeatTeam | undefined;
}

export class SeatTeam extends pulumi.ComponentResource {
  readonly slug: string;
  readonly plan: TeamPlan;
  readonly team: github.Team;
  /** Undefined when the team declares nobody: the provider cannot express an empty member list. */
  readonly members: github.TeamMembers | undefined;
  /** GitHub's numeric team id (the resource id), as a string. */
  readonly teamId: pulumi.Output<string>;
  /** The slug GitHub assigned; equals `slug` when the folder name is right (validation checks). */
  readonly githubSlug: pulumi.Output<string>;

  constructor(args: SeatTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, provider, parentTeam } = args;
    if (plan.parent !== undefined && parentTeam?.slug !== plan.parent) {
      throw new Error(`SeatTeam ${plan.slug}: parent ${plan.parent} must be constructed first and passed as parentTeam`);
    }
    super(TEAM_COMPONENT_TYPE, resourceNames.component(plan.slug), {}, {
      ...opts,
      aliases: [...(opts?.aliases ?? []), ...plan.previously.map((old) => ({ name: resourceNames.component(old) }))],
    });
    this.slug = plan.slug;
    this.plan = plan;

    this.team = new github.Team(
      resourceNames.team(plan.slug),
      {
        name: plan.name,
        description: plan.description,
        privacy: plan.privacy,
        // The id, not the slug: ids survive renames of the parent team.
        ...(parentTeam ? { parentTeamId: parentTeam.team.id } : {}),
      },
      {
        parent: this,
        provider,
        protect: plan.protect,
        aliases: plan.previously.map((old) => ({ name: resourceNames.team(old) })),
      },
    );

    // No TeamMembers for a team that declares nobody. The provider cannot express an empty list:
    // in terraform-provider-github's github/resource_github_team_members.go (the same in every
    // revision read, from the v2-era one to current main) `members` is `Type: schema.TypeSet,
    // Required: true, Elem: &schema.Resource{username, role}`, i.e. a *required nested block*,
    // which Terraform refuses when given zero blocks ("At least 1 … blocks are required", see
    // pulumi/pulumi-terraform-bridge#2021) and the bridge mishandles (#1856: panics on required
    // empty lists; #1970: sends null instead of an empty set). And
    // the provider's only way to mean "nobody" is its Delete (`updateTeamMembers(slug, nil)`,
    // which removes every live member), which retainOnDelete below turns off on purpose.
    // So Pulumi leaves such a team's GitHub members alone, and the program warns (program.ts).
    this.members =
      plan.members.length === 0
        ? undefined
        : new github.TeamMembers(
            resourceNames.members(plan.slug),
            {
              // The declared slug: the folder name *is* the slug GitHub derives from `name`
              // (validation checks it; program.ts warns if GitHub ever reports another one), so
              // the input is known in previews and never depends on a computed output. The
              // explicit dependsOn keeps the ordering a real engine needs: the team (and, on a
              // rename, its new name and slug) exists before its memberships are written.
              teamSlug: plan.slug,
              members: plan.members.map((m) => ({ username: m.username, role: m.role })),
            },
            {
              parent: this,
              provider,
              dependsOn: [this.team],
              protect: false,
              retainOnDelete: true,
              aliases: plan.previously.map((old) => ({ name: resourceNames.members(old) })),
            },
          );

    this.teamId = this.team.id;
    this.githubSlug = this.team.slug;
    this.registerOutputs({ teamId: this.teamId, slug: this.githubSlug });
  }
}
