import { COUNTRIES } from "../domain/countries";
import { currentTimezoneName, timezoneGroups } from "../domain/timezones";
import { escapeHtml } from "../digest/render/escape";

/**
 * The parts of the subscribe and preference forms that do not change per request (issue 18.10),
 * built once per app (createApp) and passed in: no module state (STYLE.md §24). The timezone
 * list (~420 options with offsets) is rebuilt when the UTC day changes, as offsets move with
 * summer time; whole pages are kept by a key their caller chooses (see cachedPage).
 */
export class FormStatics {
  readonly countries: [string, string][] = Object.entries(COUNTRIES).sort((a, b) => a[1].localeCompare(b[1]));
  private zones: { day: string; html: string; ids: Set<string> } | null = null;
  private page: { key: string; parts: Uint8Array[] } | null = null;
  private readonly encoder = new TextEncoder();

  /** The <option>/<optgroup> list, with `selected` (an old spelling is read as its current name) marked. */
  timezoneOptions(now: Date, selected: string): string {
    const zones = this.zonesFor(now);
    const id = currentTimezoneName(selected);
    const mark = `<option value="${escapeHtml(id)}">`;
    if (!zones.ids.has(id)) return zones.html;
    return zones.html.replace(mark, `<option value="${escapeHtml(id)}" selected>`);
  }

  /** Every current timezone name offered (for the detection script and tests). */
  timezoneIds(now: Date): ReadonlySet<string> {
    return this.zonesFor(now).ids;
  }

  /**
   * The page rendered once per `key`, with `fill` (a per-request value such as the CSRF token) in
   * place of each `slot`. Kept as UTF-8 parts: serving copies bytes instead of joining, measuring
   * and encoding a 49 KB string per request (issue 18.10). One entry: keys move on, nothing accumulates.
   */
  cachedPage(key: string, slot: string, render: () => string, fill: string): Uint8Array<ArrayBuffer> {
    if (this.page?.key !== key) {
      this.page = {
        key,
        parts: render()
          .split(slot)
          .map((part) => this.encoder.encode(part)),
      };
    }
    return joinBytes(this.page.parts, this.encoder.encode(fill));
  }

  private zonesFor(now: Date) {
    const day = now.toISOString().slice(0, 10);
    if (this.zones?.day === day) return this.zones;
    const groups = timezoneGroups(now);
    const html = groups
      .map((g) => {
        const options = g.zones
          .map((z) => `<option value="${escapeHtml(z.id)}">${escapeHtml(z.label)}</option>`)
          .join("");
        return `<optgroup label="${escapeHtml(g.region)}">${options}</optgroup>`;
      })
      .join("");
    this.zones = { day, html, ids: new Set(groups.flatMap((g) => g.zones.map((z) => z.id))) };
    return this.zones;
  }
}

/** The parts with `fill` between each pair, as one array. */
function joinBytes(parts: Uint8Array[], fill: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + fill.length * (parts.length - 1));
  let at = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      out.set(fill, at);
      at += fill.length;
    }
    out.set(part, at);
    at += part.length;
  });
  return out;
}
