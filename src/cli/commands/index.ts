// Every `seats` subcommand, in the order `seats --help` lists them.
import type { Command } from "../command.js";
import { validateCommand } from "./validate.js";

export const COMMANDS: readonly Command[] = [validateCommand];
