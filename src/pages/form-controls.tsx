import { FACET_LABELS, type EmployerType } from "../domain/facets";
import type { FieldErrors, PreferenceField } from "../subscribers/preferences";
import type { FormStatics } from "./form-statics";

/**
 * The form controls the subscribe form and the preference centre are built from: each renders its
 * label, hint and error and ties them to the control (aria-describedby, issue 18.8).
 */
export type FieldValues = Partial<Record<PreferenceField | "email", string | string[]>>;

/** What the shared fields need besides the values: the prebuilt parts and what listings can carry. */
export interface FieldsContext {
  values: FieldValues;
  errors: FieldErrors;
  statics: FormStatics;
  now: Date;
  /** Employer types some open listing states; only these are offered (plus any already chosen). */
  employerTypes: readonly EmployerType[];
}

export const asList = (v: string | string[] | undefined) =>
  Array.isArray(v) ? v : v ? v.split(/[;,]/).map((s) => s.trim()) : [];
export const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? ""));
/** The ids a field's hint and error carry, for aria-describedby (issue 18.8). */
export const describedBy = (name: string, hint: boolean, error: unknown) =>
  [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;

/** Fields shown as checkboxes: no one control to land on, so an error links to their group. */
const CHECKBOX_GROUPS = new Set<string>(["focus", "stacks", "seniority", "employerTypes"]);
/**
 * Where an error summary's link for a field goes: the control itself (id = the field's name), so
 * following it puts the focus in the field. Links to the field's wrapper landed on no control, and
 * "Listings per email" has no wrapper: its link led nowhere.
 */
export const errorAnchor = (field: string) => (CHECKBOX_GROUPS.has(field) ? `#field-${field}` : `#${field}`);

export function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  ) : null;
}

export function Choices(props: {
  name: PreferenceField;
  legend: string;
  hint: string;
  options: readonly string[];
  ctx: FieldsContext;
  children?: unknown;
}) {
  const selected = new Set(asList(props.ctx.values[props.name]));
  const error = props.ctx.errors[props.name];
  return (
    <fieldset id={`field-${props.name}`} aria-describedby={describedBy(props.name, true, error)}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.name} error={error} />
      <div class="choices grid">
        {props.options.map((o) => (
          <label>
            <input type="checkbox" name={props.name} value={o} checked={selected.has(o)} />{" "}
            {FACET_LABELS[o as keyof typeof FACET_LABELS]}
          </label>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}

export function TextField(props: { name: PreferenceField; label: string; hint: string; ctx: FieldsContext }) {
  const error = props.ctx.errors[props.name];
  return (
    <div id={`field-${props.name}`}>
      <label for={props.name}>{props.label}</label>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.name} error={error} />
      <input
        type="text"
        id={props.name}
        name={props.name}
        value={asText(props.ctx.values[props.name])}
        maxlength={600}
        aria-describedby={describedBy(props.name, true, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}

export function Select(props: {
  name: PreferenceField;
  label: string;
  options: [string, string][];
  ctx: FieldsContext;
  hint?: string;
}) {
  const current = asText(props.ctx.values[props.name]);
  const error = props.ctx.errors[props.name];
  return (
    <div id={`field-${props.name}`}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={props.name} error={error} />
      <select
        id={props.name}
        name={props.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, !!props.hint, error)}
      >
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === current}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Include them / Leave them out" for listings that don't state what a filter asks about. */
export function IncludeUnstated(props: { name: PreferenceField; label: string; hint: string; ctx: FieldsContext }) {
  return (
    <Select
      name={props.name}
      label={props.label}
      ctx={props.ctx}
      hint={props.hint}
      options={[
        ["yes", "Include them"],
        ["no", "Leave them out"],
      ]}
    />
  );
}
