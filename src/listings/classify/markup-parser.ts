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

/** How deeply the elements of an HTML fragment nest (as htmlparser2 builds them); linear. */
export function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  const parser = createMarkupParser(
    {
      onopentag: () => void (deepest = Math.max(deepest, ++depth)),
      onclosetag: () => void depth--,
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return deepest;
}

/**
 * The text of an HTML fragment with every element dropped (scripts and styles with their
 * contents), one space between text nodes. The fallback for markup nested too deeply to lay out.
 */
export function flatText(html: string, invisible: ReadonlySet<string>): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = createMarkupParser(
    {
      onopentagname: (name) => void (invisible.has(name) && hidden++),
      onclosetag: (name) => void (invisible.has(name) && hidden--),
      ontext: (text) => void (hidden === 0 && parts.push(text)),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join(" ");
}
