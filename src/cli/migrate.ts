import type { Command } from "./command";

export const migrateCommand: Command = {
  name: "migrate",
  usage: "migrate",
  summary: "apply database migrations (npm start does this too)",
  async run({ out }) {
    // buildNodeDeps has already applied them; saying so is the whole job.
    out("migrations applied");
  },
};
