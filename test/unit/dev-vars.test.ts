import { describe, expect, it } from "vitest";
import { devVars } from "../../src/node/dev-vars";

const secret = () => "generated-secret";

describe(".dev.vars for npm run dev:worker", () => {
  it("is written with development values and a generated secret the first time", () => {
    expect(devVars(null, "8787", secret)).toBe(
      "NODE_ENV=development\nPUBLIC_URL=http://localhost:8787\nTOKEN_SECRET=generated-secret\nDIGEST_SLICE_SIZE=50\n",
    );
  });

  // A first run on 8787, then `npm run dev:worker -- --port 8799`: the confirmation link pointed
  // at 8787, where nothing answered.
  it("moves the PUBLIC_URL it wrote to this run's port and keeps the secret", () => {
    const first = devVars(null, "8787", secret);
    const second = devVars(first, "8799", () => "another");
    expect(second).toContain("PUBLIC_URL=http://localhost:8799\n");
    expect(second).toContain("TOKEN_SECRET=generated-secret\n");
    expect(second.replace("8799", "8787")).toBe(first);
  });

  it("keeps a PUBLIC_URL of the operator's own and every other line", () => {
    const own = "PUBLIC_URL=https://tunnel.example.com\nTOKEN_SECRET=mine\nADMIN_TOKEN=x\n";
    expect(devVars(own, "8799", secret)).toBe(own);
  });
});
