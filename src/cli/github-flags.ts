// The --api-url flag and the credentials help of every command that talks to GitHub. No imports
// beyond types: \`seats validate --help\` shows them without loading the GitHub client.
import type { OptionSpec } from "./command.js";

export const GITHUB_OPTIONS: OptionSpec = {
  "api-url": { type: "string" },
};

export const GITHUB_HELP = `GitHub:
  --api-url <url>   REST API base URL (else GITHUB_API_URL, else https://api.github.com)
  Credentials: GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + GITHUB_APP_INSTALLATION_ID.`;
