// Every cross-file rule, in the order they run. Add a rule by writing a module in this folder
// and listing it here.
import type { Rule } from "../rule.js";

export const RULES: readonly Rule[] = [];
