import { raw } from "hono/html";
import { FACET_LABELS, FOCUSES, SENIORITIES, STACKS } from "../domain/facets";
import { formatHour, WEEKDAYS } from "../domain/schedule";
import type { PreferenceField } from "../subscribers/preferences";
import { parseSalaryInput } from "../subscribers/salary-input";
import {
  asList,
  asText,
  describedBy,
  Choices,
  FieldError,
  type FieldsContext,
  IncludeUnstated,
  Select,
  TextField,
} from "./form-controls";

export type { FieldsContext, FieldValues } from "./form-controls";

/** Where from: the one filter that decides most of what a subscriber gets (issue 18.1). */
export const COUNTRY_HINT =
  "Not saying: every remote role except on-site ones, including those open only to some countries or regions (check where before applying). Choosing a country keeps only roles open to people there.";

/** The three filters most people set, always shown (issue 18.6). */
export function MainFilters({ ctx }: { ctx: FieldsContext }) {
  return (
    <>
      <Choices name="stacks" legend="Stacks" hint="None ticked: any language." options={STACKS} ctx={ctx} />
      <Choices
        name="seniority"
        legend="Seniority"
        hint="None ticked: any level. Listings that don't state one are kept."
        options={SENIORITIES}
        ctx={ctx}
      />
      <Select
        name="country"
        label="Where you can work from"
        hint={COUNTRY_HINT}
        ctx={ctx}
        options={[["", "Not saying (every remote role)"], ...ctx.statics.countries]}
      />
    </>
  );
}

const MORE_FIELDS: readonly PreferenceField[] = [
  "focus",
  "minSalaryUsd",
  "includeNoSalary",
  "employerTypes",
  "includeUnknownEmployer",
  "mustHave",
  "excludeKeywords",
  "excludeCompanies",
  "timezone",
  "sendWeekday",
  "sendHour",
  "maxListings",
];

/** Everything else, in a native <details> (works without JavaScript), opened when one of them has an error. */
export function MoreFilters({ ctx, open }: { ctx: FieldsContext; open?: boolean }) {
  const hasError = MORE_FIELDS.some((f) => ctx.errors[f]);
  return (
    <details id="more-filters" open={open || hasError}>
      <summary>
        More filters: focus, salary, {ctx.employerTypes.length ? "employers, " : ""}keywords, day and time
      </summary>
      <Choices name="focus" legend="Focus" hint="None ticked: any backend work." options={FOCUSES} ctx={ctx} />
      <SalaryFields ctx={ctx} />
      <EmployerFields ctx={ctx} />
      <fieldset id="field-keywords">
        <legend>Keywords</legend>
        <TextField
          name="mustHave"
          label="Must mention"
          hint="Comma-separated, e.g. kubernetes, postgres. Every one must appear as a whole word."
          ctx={ctx}
        />
        <TextField
          name="excludeKeywords"
          label="Leave out listings that mention"
          hint="Comma-separated, e.g. crypto, on-call."
          ctx={ctx}
        />
        <TextField
          name="excludeCompanies"
          label="Leave out these companies"
          hint="Comma-separated company names."
          ctx={ctx}
        />
      </fieldset>
      <DeliveryFields ctx={ctx} />
    </details>
  );
}

function SalaryFields({ ctx }: { ctx: FieldsContext }) {
  const { values, errors } = ctx;
  const parsed = errors.minSalaryUsd ? null : parseSalaryInput(values.minSalaryUsd);
  const note = parsed?.ok ? parsed.note : undefined;
  return (
    <fieldset id="field-minSalaryUsd">
      <legend>Salary</legend>
      <label for="minSalaryUsd">Minimum salary a year</label>
      <p class="hint" id="minSalaryUsd-hint">
        Empty: any. Type it as you think of it: 120000, 120k, 120,000 or €90k (other currencies are converted to US
        dollars). Listings are compared on the top of their stated range.
      </p>
      <p class="hint salary-note" id="minSalaryUsd-note" aria-live="polite">
        {note ?? ""}
      </p>
      <FieldError id="minSalaryUsd" error={errors.minSalaryUsd} />
      <input
        type="text"
        id="minSalaryUsd"
        name="minSalaryUsd"
        inputmode="decimal"
        maxlength={40}
        autocomplete="off"
        value={asText(values.minSalaryUsd)}
        aria-describedby={`minSalaryUsd-hint minSalaryUsd-note${errors.minSalaryUsd ? " minSalaryUsd-error" : ""}`}
        aria-invalid={errors.minSalaryUsd ? "true" : undefined}
      />
      <IncludeUnstated
        name="includeNoSalary"
        label="Listings that don't state a salary"
        ctx={ctx}
        hint="Used only with a minimum salary."
      />
    </fieldset>
  );
}

/** Offers only the employer types listings carry (issue 18.3): job boards rarely say. */
function EmployerFields({ ctx }: { ctx: FieldsContext }) {
  const chosen = asList(ctx.values.employerTypes);
  const offered = [...new Set([...ctx.employerTypes, ...chosen.filter((t) => t in FACET_LABELS)])];
  if (offered.length === 0) {
    return (
      <p class="hint" id="field-employerTypes">
        Employer type: no open listing says what kind of employer posted it (job boards don't), so there is no employer
        filter for now.
      </p>
    );
  }
  return (
    <Choices
      name="employerTypes"
      legend="Employers"
      options={offered}
      ctx={ctx}
      hint="None ticked: any employer. Only the kinds some listing states are offered; most listings don't state one."
    >
      <IncludeUnstated
        name="includeUnknownEmployer"
        label="Listings that don't state an employer type"
        ctx={ctx}
        hint="Used only when you tick an employer type."
      />
    </Choices>
  );
}

function DeliveryFields({ ctx }: { ctx: FieldsContext }) {
  const { values, errors } = ctx;
  const tz = asText(values.timezone) || "UTC";
  return (
    <fieldset id="field-delivery">
      <legend>Delivery</legend>
      <div class="row">
        <Select name="sendWeekday" label="Day" ctx={ctx} options={WEEKDAYS.map((d, i) => [String(i + 1), d])} />
        <Select
          name="sendHour"
          label="Hour (your timezone)"
          ctx={ctx}
          options={Array.from({ length: 24 }, (_, h) => [String(h), formatHour(h)])}
        />
      </div>
      <div id="field-timezone">
        <label for="timezone">Timezone</label>
        <p class="hint" id="timezone-hint">
          Detected from your browser when possible. Grouped by region, with today's offset from UTC.
        </p>
        <FieldError id="timezone" error={errors.timezone} />
        <select
          id="timezone"
          name="timezone"
          aria-describedby={describedBy("timezone", true, errors.timezone)}
          aria-invalid={errors.timezone ? "true" : undefined}
        >
          {raw(ctx.statics.timezoneOptions(ctx.now, tz))}
        </select>
      </div>
      <label for="maxListings">Listings per email, at most</label>
      <FieldError id="maxListings" error={errors.maxListings} />
      <input
        type="number"
        id="maxListings"
        name="maxListings"
        min={1}
        max={50}
        value={asText(values.maxListings) || "20"}
        inputmode="numeric"
        aria-describedby={describedBy("maxListings", false, errors.maxListings)}
        aria-invalid={errors.maxListings ? "true" : undefined}
      />
    </fieldset>
  );
}

/**
 * The form's last row, kept in view at the bottom of the screen (sticky) so the button is on a
 * phone's first screen and the live count (issue 18.2) stays visible while filters change. The
 * count is the server's when it knows it, and form-script.ts's as filters change; the warning
 * that names the filter emptying the result sits just above it.
 */
export function SubmitBar(props: {
  label: string;
  countAction: { name: string; value: string };
  count?: { count: number; empty: { message: string } | null };
  /**
   * The page answers "Count matches" (no JavaScript): the count takes the focus, so a screen reader
   * reads it. A live region on a page that has just loaded is not announced, and the reload left
   * the focus on nothing.
   */
  countAsked?: boolean;
}) {
  return (
    <>
      {/* The warning appears beside the count as filters change: a live region of its own that is
          always there (a region that is itself hidden and then shown is not reliably read), so a
          screen reader hears which filter emptied the count, not only "0 listings". */}
      <div aria-live="polite">
        <p id="match-empty" class="warning" hidden={!props.count?.empty}>
          {props.count?.empty?.message ?? ""}
        </p>
      </div>
      <div class="submit-bar">
        <button type="submit">{props.label}</button>
        <p
          id="match-count"
          role="status"
          aria-live="polite"
          tabindex={props.countAsked ? -1 : undefined}
          autofocus={props.countAsked || undefined}
        >
          {props.count === undefined ? "" : matchCountText(props.count.count)}
        </p>
        <button
          type="submit"
          name={props.countAction.name}
          value={props.countAction.value}
          class="secondary"
          id="count-button"
        >
          Count matches
        </button>
      </div>
    </>
  );
}

export const matchCountText = (n: number) =>
  `${n} listing${n === 1 ? "" : "s"} from the past 7 days ${n === 1 ? "matches" : "match"} these filters.`;
