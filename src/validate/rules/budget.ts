// `seats.budget` caps the distinct seat holders the files declare; a PR that goes over fails
// here, with the numbers, instead of surprising the bill.
import { finding } from "../../model/findings.js";
import { seatHolders } from "../../model/seat-holders.js";
import { plural } from "../../text.js";
import { at, type Rule } from "../rule.js";

export const budget: Rule = {
  id: "budget",
  description: "the distinct seat holders declared do not exceed `seats.budget`",
  check(model) {
    const limit = model.policy.seats.budget;
    if (limit === undefined) return [];
    const holders = seatHolders(model).length;
    if (holders <= limit) return [];
    return [
      finding(
        this.id,
        at(model, model.policy.file, ["seats", "budget"]),
        `${plural(holders, "distinct seat holder")} declared, ${holders - limit} over the budget of ${limit}`,
        `remove ${plural(holders - limit, "seat")} (member files in \`copilot: users\` or \`copilot: team\` teams), or raise \`seats.budget\` to at least ${holders}`,
      ),
    ];
  },
};
