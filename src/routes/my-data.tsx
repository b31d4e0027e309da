import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { ConfirmDeletePage, DataDeletedPage, MyDataPage } from "../pages/my-data";
import { requireToken } from "../security/require-token";
import { subscriberLinks } from "../subscribers/links";
import { deleteSubscriberData, exportSubscriberData } from "../subscribers/my-data";
import { findSubscriber } from "../subscribers/store";

const gone = () => new AppError("NOT_FOUND", "No data is stored for this link any more: it was deleted.");

/**
 * "Your data", with a manage-purpose token: GET /my-data/:token (the page),
 * GET /my-data/download/:token (everything stored, as a JSON download; reads only),
 * GET /my-data/delete/:token (the confirmation step) and POST /my-data/delete/:token (deletes).
 */
export const myDataRoutes = new Hono<AppEnv>()
  .get("/my-data/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps, "manage", c.req.param("token"));
    if (!(await findSubscriber(deps.db, { id }))) throw gone();
    const links = await subscriberLinks(deps, id);
    return c.html(<MyDataPage token={c.req.param("token")} preferencesUrl={links.preferences} />);
  })
  .get("/my-data/download/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps, "manage", c.req.param("token"));
    const data = await exportSubscriberData(deps, id);
    c.header("Content-Disposition", 'attachment; filename="backend-weekly-my-data.json"');
    c.header("Cache-Control", "no-store");
    return c.body(JSON.stringify(data, null, 2), 200, { "Content-Type": "application/json; charset=utf-8" });
  })
  .get("/my-data/delete/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps, "manage", c.req.param("token"));
    if (!(await findSubscriber(deps.db, { id }))) throw gone();
    const links = await subscriberLinks(deps, id);
    return c.html(
      <ConfirmDeletePage token={c.req.param("token")} csrfToken={c.var.csrfToken} preferencesUrl={links.preferences} />,
    );
  })
  .post("/my-data/delete/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps, "manage", c.req.param("token"));
    const form = await readForm(c);
    if (form.confirm !== "yes") {
      throw new AppError(
        "VALIDATION_FAILED",
        "Nothing was deleted: please use the “Yes, delete everything” button to confirm.",
      );
    }
    await deleteSubscriberData(deps, id);
    return c.html(<DataDeletedPage />);
  });
