// Every `seats` subcommand, in the order `seats --help` lists them.
import type { Command } from "../command.js";
import { applyCommand } from "./apply.js";
import { ciCommand } from "./ci.js";
import { driftCommand } from "./drift.js";
import { codeownersCommand } from "./codeowners.js";
import { emulatorCommand } from "./emulator.js";
import { importCommand } from "./import.js";
import { noticeCommand } from "./notice.js";
import { planCommand } from "./plan.js";
import { portalCommand } from "./portal.js";
import { reclaimCommand } from "./reclaim.js";
import { remindCommand } from "./remind.js";
import { reportCommand } from "./report.js";
import { requestCommand } from "./request.js";
import { validateCommand } from "./validate.js";

export const COMMANDS: readonly Command[] = [validateCommand, planCommand, applyCommand, codeownersCommand, remindCommand, reclaimCommand, noticeCommand, driftCommand, requestCommand, reportCommand, importCommand, portalCommand, emulatorCommand, ciCommand];
