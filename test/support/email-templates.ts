import { readdirSync } from "node:fs";
import { createElement, type ComponentType } from "react";
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
