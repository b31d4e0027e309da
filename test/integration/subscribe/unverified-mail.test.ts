import { beforeAll, expect, it } from "vitest";
import { FormSession, linkPath, readPage } from "../../support/forms";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

// Acceptance run: anyone can type any address into the form, and the confirmation quoted what
// they typed as filters: "Must mention: your account is locked, verify at https://evil.example/login"
// went out from our domain to a stranger. Mail sent on an unverified request counts typed words.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => ({ deps, app } = harness));

const LURE = "account locked: verify at https://evil.example/login";
const CALL = "call +1 800 555 0100 now";

async function subscribe(email: string) {
  const session = new FormSession(app);
  await session.get("/");
  const res = await session.post("/subscribe", { email, mustHave: LURE, excludeCompanies: CALL, stacks: ["go"] });
  expect(res.status).toBe(200);
  return session;
}

it("the confirmation counts the typed filters instead of quoting them; the confirm page shows them", async () => {
  const session = await subscribe("victim@example.com");
  const mail = deps.fake.accepted.at(-1)!;
  for (const part of [mail.html!, mail.text!]) {
    expect(part).not.toContain("evil.example");
    expect(part).not.toContain("800 555");
    expect(part).toContain("1 word or phrase (shown when you open the link)");
    expect(part).toContain("Go"); // chosen from lists: restated as before
  }
  const page = await readPage(await session.get(linkPath(mail.text!, "confirm")));
  expect(page).toContain("evil.example/login");
  expect(page).toContain("company call +1 800 555 0100 now");
});

it("so does the 'new choices' mail to an address we already know", async () => {
  await subscribe("known@example.com");
  await subscribe("known@example.com");
  const mail = deps.fake.accepted.at(-1)!;
  expect(mail.tags.find((t) => t.name === "kind")?.value).toBe("new-choices");
  expect(mail.text).not.toContain("evil.example");
  expect(mail.text).toContain("1 word or phrase (shown when you open the link)");
});

it("drops bidi controls and zero-width characters from typed keywords", async () => {
  const session = new FormSession(app);
  await session.get("/");
  await session.post("/subscribe", { email: "bidi@example.com", mustHave: "ka\u202efk\u200ba" });
  const mail = deps.fake.accepted.at(-1)!;
  const page = await readPage(await session.get(linkPath(mail.text!, "confirm")));
  expect(page).toContain("kafka");
});
