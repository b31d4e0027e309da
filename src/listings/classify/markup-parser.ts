import { Parser, type ParserOptions } from "htmlparser2";

type Handler = NonNullable<ConstructorParameters<typeof Parser>[0]>;

/**
 * htmlparser2's stack of open elements, with a count per name. The parser looks a closing tag's
 * name up with `lastIndexOf`; a name that is not open scans the whole stack, so "<a>" × n then
 * "</b>" × n costs n² (measured: 100,000 of each took 85 s). With the counts, a name that is not
 * open answers -1 at once; a name that is open is found and everything above it popped, which
 * the pushes already paid for.
 */
class CountedStack extends Array<string> {
  private readonly open = new Map<string, number>();

  override push(...names: string[]): number {
    for (const name of names) this.open.set(name, (this.open.get(name) ?? 0) + 1);
    return super.push(...names);
  }

  override pop(): string | undefined {
    const name = super.pop();
    if (name !== undefined) {
      const count = this.open.get(name) ?? 0;
      if (count > 1) this.open.set(name, count - 1);
      else this.open.delete(name);
    }
    return name;
  }

  override lastIndexOf(name: string): number {
    return this.open.has(name) ? super.lastIndexOf(name) : -1;
  }
}

/**
 * An htmlparser2 Parser (linear tokenizer, no Node built-ins, so it runs on Workers) whose
 * closing-tag lookup is linear too. Relies on the `stack` field of the pinned htmlparser2 8.0.2;
 * test/unit/listings/parsers-linear.test.ts fails if an upgrade changes it.
 */
export function createMarkupParser(handler: Handler, options: ParserOptions): Parser {
  const parser = new Parser(handler, options);
  const internals = parser as unknown as { stack: unknown };
  if (!Array.isArray(internals.stack)) throw new Error("htmlparser2 changed: its Parser has no open-element stack");
  internals.stack = new CountedStack();
  return parser;
}

/** How many elements an HTML fragment has and how deeply they nest (as htmlparser2 builds them); linear. */
export function measureMarkup(html: string): { elements: number; depth: number } {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  const parser = createMarkupParser(
    {
      onopentag: () => void (elements++, (deepest = Math.max(deepest, ++depth))),
      onclosetag: () => void depth--,
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return { elements, depth: deepest };
}

const LINE_BREAKING = new Set([
  "p",
  "div",
  "br",
  "li",
  "tr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "table",
  "section",
  "article",
  "blockquote",
  "pre",
]);

/**
 * The text of an HTML fragment with every element dropped (scripts and styles with their
 * contents), a line break at block elements. The fallback for markup too large or too deeply
 * nested to lay out: one htmlparser2 pass, a fraction of html-to-text's cost per element.
 */
export function flatText(html: string, invisible: ReadonlySet<string>): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = createMarkupParser(
    {
      onopentagname(name) {
        if (invisible.has(name)) hidden++;
        else if (LINE_BREAKING.has(name)) parts.push("\n");
      },
      onclosetag: (name) => void (invisible.has(name) && hidden--),
      ontext: (text) => void (hidden === 0 && parts.push(text)),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join("");
}
