import { classifyCommand } from "../../src/cli/listing-commands";
import { createTestDeps } from "./deps";

/** The lines `classify FILE --type TYPE` prints, run in this process on a database of its own. */
export async function classifyLines(file: string, type: string): Promise<string[]> {
  const deps = await createTestDeps({ mailer: null as never });
  const lines: string[] = [];
  try {
    await classifyCommand.run({
      deps: deps as never,
      args: [file],
      flags: { type },
      out: (l) => lines.push(l),
      progress: () => {},
    });
  } finally {
    await deps.close();
  }
  return lines;
}
