import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config";
import { importSuppressionKeys } from "../../../src/subscribers/suppression-keys";

const SECRET = "fixture-secret-0123456789abcdef-XYZ";
const PREVIOUS = "previous-secret-abcdefghijklmnop";

/**
 * Computed with the code before Web Crypto (the hand-written SHA-256/HMAC of commit 1918722):
 * addresses suppressed then must still be found, or they would be mailed again.
 */
describe("suppression hashes made before the move to Web Crypto", () => {
  it("are the hashes of today, under derived keys", async () => {
    const keys = await importSuppressionKeys(
      parseConfig({ NODE_ENV: "test", TOKEN_SECRET: SECRET, TOKEN_SECRET_PREVIOUS: PREVIOUS }),
    );
    const hashes = await keys.hashes(" Vic@Example.com ");
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toBe("8bf437f29d20086f2f1e74cece569db706c54711ced5099f05e53af9bb77713d");
    expect(keys.ids[0]).toBe("60a0646a5603b330");
  });

  it("are the hashes of today under SUPPRESSION_SECRET, which comes first", async () => {
    const keys = await importSuppressionKeys(
      parseConfig({ NODE_ENV: "test", TOKEN_SECRET: SECRET, SUPPRESSION_SECRET: "q".repeat(32) }),
    );
    const [explicit, derived] = await keys.hashes("vic@example.com");
    expect(explicit).toBe("c5ee4c84a5505c536bd8eb76615f2aa4ef3cdb03e39df544e65cae8aa1ce09a4");
    expect(derived).toBe("8bf437f29d20086f2f1e74cece569db706c54711ced5099f05e53af9bb77713d");
  });
});
