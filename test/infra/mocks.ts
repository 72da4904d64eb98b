// Pulumi mocks for the infra tests: total (never throw),
// echo inputs, return the computed outputs GitHub would (`slug`, `nodeId`), and record every
// registration together with the resource options the SDK sends to the engine (parent, protect,
// retainOnDelete, aliases, provider), which the mocks' newResource does not see. Those options
// are read from the RegisterResourceRequest the SDK hands the (mock) monitor, i.e. exactly what
// a real engine would receive.
import * as pulumi from "@pulumi/pulumi";

export interface AliasSpec {
  name?: string;
  type?: string;
  parentUrn?: string;
  noParent?: boolean;
  urn?: string;
}

export interface Registered {
  type: string;
  name: string;
  custom: boolean;
  /** Deserialized inputs, as the mock's newResource received them (secrets unwrapped). */
  inputs: Record<string, unknown>;
  id: string;
  parentUrn: string;
  /** Provider reference `<provider urn>::<provider id>`; "" for components and providers. */
  provider: string;
  /** Undefined when the program did not set the option (the engine default then applies). */
  protect: boolean | undefined;
  retainOnDelete: boolean | undefined;
  aliases: AliasSpec[];
  dependencies: string[];
}

/** What GitHub derives from a team name (close enough for the fixtures). */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "");
}

export interface Recorder {
  registered: Registered[];
  byType(type: string): Registered[];
  get(type: string, name: string): Registered;
  /** Resolves once every registration the program started has reached the mock monitor. */
  settle(): Promise<void>;
}

interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  hasProtect(): boolean;
  getProtect(): boolean;
  hasRetainondelete(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getAliasesList(): Array<{
    getUrn(): string;
    hasSpec(): boolean;
    getSpec(): { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
  }>;
}

interface MonitorLike {
  registerResource(req: RegisterRequestLike, cb: (err: unknown, res: unknown) => void): Promise<void>;
}

export async function installMocks(project = "copilot-seats", stack = "test", preview = false): Promise<Recorder> {
  const registered: Registered[] = [];
  const options = new Map<string, Omit<Registered, "inputs" | "id">>();
  let pending = 0;
  let started = 0;

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = args.type.startsWith("pulumi:providers:") ? `${args.name}-provider-id` : `${args.name}_id`;
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "github:index/team:Team") {
          state.slug = slugOf(String(args.inputs.name ?? args.name));
          state.nodeId = `T_${args.name}`;
        }
        const opts = options.get(`${args.type}::${args.name}`);
        registered.push({
          ...(opts ?? {
            type: args.type,
            name: args.name,
            custom: args.custom ?? false,
            parentUrn: "",
            provider: args.provider ?? "",
            protect: undefined,
            retainOnDelete: undefined,
            aliases: [],
            dependencies: [],
          }),
          inputs: args.inputs as Record<string, unknown>,
          id,
        });
        return { id, state };
      },
      call(args) {
        return args.inputs as Record<string, unknown>;
      },
    },
    project,
    stack,
    preview,
  );

  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (req, cb) => {
    pending++;
    started++;
    options.set(`${req.getType()}::${req.getName()}`, {
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parentUrn: req.getParent(),
      provider: req.getProvider(),
      protect: req.hasProtect() ? req.getProtect() : undefined,
      retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
      aliases: req.getAliasesList().map((a) => {
        const spec = a.hasSpec() ? a.getSpec() : undefined;
        if (!spec) return { urn: a.getUrn() };
        const out: AliasSpec = {};
        if (spec.getName()) out.name = spec.getName();
        if (spec.getType()) out.type = spec.getType();
        if (spec.getParenturn()) out.parentUrn = spec.getParenturn();
        if (spec.getNoparent()) out.noParent = true;
        return out;
      }),
      dependencies: req.getDependenciesList(),
    });
    try {
      await original(req, cb);
    } finally {
      pending--;
    }
  };

  const tick = () => new Promise<void>((r) => setTimeout(r, 0));
  return {
    registered,
    byType: (type) => registered.filter((r) => r.type === type),
    get(type, name) {
      const r = registered.find((x) => x.type === type && x.name === name);
      if (!r) throw new Error(`no ${type} named ${name} was registered (have: ${registered.map((x) => `${x.type}::${x.name}`).join(", ")})`);
      return r;
    },
    async settle() {
      // Registrations chain through promises only (the mock monitor is in-process), so a macrotask
      // turn with nothing pending and nothing new started means the program is done.
      for (let quiet = 0; quiet < 3; ) {
        const before = started;
        await tick();
        quiet = pending === 0 && started === before ? quiet + 1 : 0;
      }
    },
  };
}

/** The value of an output (non-preview mocks resolve every output). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => (resolve(v), v)));
}

export const TYPES = {
  component: "copilot-seats:index:Team",
  team: "github:index/team:Team",
  members: "github:index/teamMembers:TeamMembers",
  provider: "pulumi:providers:github",
} as const;
