import { COUNTRIES } from "../domain/countries";
import { EMPLOYER_TYPES, FACET_LABELS, FOCUSES, SENIORITIES, STACKS } from "../domain/facets";
import { formatHour, timezoneNames, WEEKDAYS } from "../domain/schedule";
import type { FieldErrors, PreferenceField } from "../subscribers/preferences";

export type FieldValues = Partial<Record<PreferenceField | "email", string | string[]>>;

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? v.split(/[;,]/).map((s) => s.trim()) : []);
const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? ""));

function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  ) : null;
}

function Choices(props: {
  name: PreferenceField; legend: string; hint: string; options: readonly string[]; values: FieldValues; errors: FieldErrors;
  /** Further controls that belong to the same question (shown after the boxes). */
  children?: unknown;
}) {
  const selected = new Set(asList(props.values[props.name]));
  return (
    <fieldset id={`field-${props.name}`} aria-describedby={`${props.name}-hint`}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.name} error={props.errors[props.name]} />
      <div class="choices">
        {props.options.map((o) => (
          <label>
            <input type="checkbox" name={props.name} value={o} checked={selected.has(o)} /> {FACET_LABELS[o as keyof typeof FACET_LABELS]}
          </label>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}

function TextField(props: { name: PreferenceField; label: string; hint: string; values: FieldValues; errors: FieldErrors }) {
  const err = props.errors[props.name];
  return (
    <div id={`field-${props.name}`}>
      <label for={props.name}>{props.label}</label>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.name} error={err} />
      <input type="text" id={props.name} name={props.name} value={asText(props.values[props.name])} maxlength={600}
        aria-describedby={`${props.name}-hint${err ? ` ${props.name}-error` : ""}`} aria-invalid={err ? "true" : undefined} />
    </div>
  );
}

function Select(props: { name: PreferenceField; label: string; options: [string, string][]; values: FieldValues; errors: FieldErrors; hint?: string }) {
  const current = asText(props.values[props.name]);
  const err = props.errors[props.name];
  return (
    <div id={`field-${props.name}`}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <FieldError id={props.name} error={err} />
      <select id={props.name} name={props.name} aria-invalid={err ? "true" : undefined}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === current}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every preference of DESIGN.md §2.1, shared by the subscribe form and the preference centre. */
export function PreferenceFields({ values, errors }: { values: FieldValues; errors: FieldErrors }) {
  const countries = Object.entries(COUNTRIES).sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <>
      <Choices name="focus" legend="Focus" hint="Leave all unticked for any backend work." options={FOCUSES} values={values} errors={errors} />
      <Choices name="stacks" legend="Stacks" hint="Server-side languages you want to work in. None ticked means any." options={STACKS} values={values} errors={errors} />
      <Choices name="seniority" legend="Seniority" hint="None ticked means any level." options={SENIORITIES} values={values} errors={errors} />
      <fieldset id="field-minSalaryUsd">
        <legend>Salary</legend>
        <label for="minSalaryUsd">Minimum salary (US dollars a year)</label>
        <p class="hint" id="minSalaryUsd-hint">Leave empty for any. Other currencies are converted for comparison.</p>
        <FieldError id="minSalaryUsd" error={errors.minSalaryUsd} />
        <input type="number" id="minSalaryUsd" name="minSalaryUsd" min={0} max={2000000} step={1000} inputmode="numeric"
          value={asText(values.minSalaryUsd)} aria-describedby="minSalaryUsd-hint" aria-invalid={errors.minSalaryUsd ? "true" : undefined} />
        <Select name="includeNoSalary" label="Listings that don't state a salary" values={values} errors={errors}
          options={[["yes", "Include them"], ["no", "Leave them out"]]} />
      </fieldset>
      <fieldset id="field-location">
        <legend>Where you can work from</legend>
        <div class="row">
          <Select name="country" label="Country" hint="Only roles open to people there are sent. Not saying: only roles open worldwide (or that don't say where)." values={values} errors={errors}
            options={[["", "Not saying (worldwide only)"], ...countries]} />
          <Select name="timezone" label="Timezone" hint="Detected from your browser when possible." values={values} errors={errors}
            options={timezoneNames().map((z) => [z, z.replace(/_/g, " ")])} />
        </div>
      </fieldset>
      <Choices name="employerTypes" legend="Employers" hint="None ticked means any employer. Job boards rarely say which kind of employer posted a job." options={EMPLOYER_TYPES} values={values} errors={errors}>
        <Select name="includeUnknownEmployer" label="Listings whose employer type is unknown" values={values} errors={errors}
          hint="Used only when you tick an employer type." options={[["yes", "Include them"], ["no", "Leave them out"]]} />
      </Choices>
      <fieldset id="field-keywords">
        <legend>Keywords</legend>
        <TextField name="mustHave" label="Must mention" hint="Comma-separated, e.g. kubernetes, postgres. Every one must appear." values={values} errors={errors} />
        <TextField name="excludeKeywords" label="Leave out listings that mention" hint="Comma-separated, e.g. crypto, on-call." values={values} errors={errors} />
        <TextField name="excludeCompanies" label="Leave out these companies" hint="Comma-separated company names." values={values} errors={errors} />
      </fieldset>
      <fieldset id="field-delivery">
        <legend>Delivery</legend>
        <div class="row">
          <Select name="sendWeekday" label="Day" values={values} errors={errors} options={WEEKDAYS.map((d, i) => [String(i + 1), d])} />
          <Select name="sendHour" label="Hour (your timezone)" values={values} errors={errors}
            options={Array.from({ length: 24 }, (_, h) => [String(h), formatHour(h)])} />
        </div>
        <label for="maxListings">Listings per email, at most</label>
        <FieldError id="maxListings" error={errors.maxListings} />
        <input type="number" id="maxListings" name="maxListings" min={1} max={50} value={asText(values.maxListings) || "20"} inputmode="numeric" />
      </fieldset>
    </>
  );
}

/** Fills the timezone from the browser unless the person already chose one. */
export const DETECT_TIMEZONE_SCRIPT = `(function(){try{var tz=Intl.DateTimeFormat().resolvedOptions().timeZone;var s=document.getElementById('timezone');
if(tz&&s&&s.value==='UTC'&&!s.dataset.touched){for(var i=0;i<s.options.length;i++){if(s.options[i].value===tz){s.value=tz;break;}}}
s&&s.addEventListener('change',function(){s.dataset.touched='1';});}catch(e){}})();`;
