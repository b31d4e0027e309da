import { readdirSync } from "node:fs";
import { type Element, isTag, type ParentNode } from "domhandler";
import { createElement, type ComponentType } from "react";
import WeeklyDigest from "../../emails/weekly-digest";
import { createDigestRenderer } from "../../src/digest/render/digest-body";
import { renderEmail } from "../../src/mail/render";

type Template = ComponentType<Record<string, unknown>> & { PreviewProps?: Record<string, unknown> };

/** Every template in emails/ rendered from its PreviewProps, as the mailer renders it (HTML and text). */
export async function renderAllTemplates(): Promise<{ file: string; html: string; text: string }[]> {
  const files = readdirSync("emails")
    .filter((f) => f.endsWith(".tsx"))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const Template = (await import(/* @vite-ignore */ `../../emails/${file}`)).default as Template;
      return { file, ...(await renderEmail(createElement(Template, Template.PreviewProps))) };
    }),
  );
}

/** Every template as renderAllTemplates gives it, plus the digest as the fast renderer writes it. */
export async function renderEveryEmail(): Promise<{ file: string; html: string }[]> {
  const fastDigest = await createDigestRenderer().render(WeeklyDigest.PreviewProps);
  return [...(await renderAllTemplates()), { file: "weekly-digest.tsx by the fast renderer", html: fastDigest.html }];
}

/** Every element under a node, depth first. */
export function elements(node: ParentNode): Element[] {
  return node.children.filter(isTag).flatMap((el) => [el, ...elements(el)]);
}
