// Every `seats ci` step, in the order the workflows run them.
import { reviewedPlanStep, waitRunsStep } from "./apply-steps.js";
import type { Step } from "./context.js";
import { credentialsStep } from "./credentials-step.js";
import { overlayStep } from "./data-steps.js";
import { gateStep } from "./gate-step.js";
import { doctorStep, issueFormStep, requestReplyStep } from "./misc-steps.js";
import { approversStep, authorStep, prForRunStep } from "./pr-steps.js";
import { publishStep } from "./publish-step.js";

export const STEPS: readonly Step[] = [
  authorStep,
  approversStep,
  prForRunStep,
  waitRunsStep,
  overlayStep,
  credentialsStep,
  gateStep,
  publishStep,
  reviewedPlanStep,
  issueFormStep,
  requestReplyStep,
  doctorStep,
];
