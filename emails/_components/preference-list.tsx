/** @jsxImportSource react */
import { styles } from "./layout";

export interface PreferenceItem {
  label: string;
  value: string;
}

/** The subscriber's filters restated, one line each. */
export function PreferenceList({ items }: { items: PreferenceItem[] }) {
  return (
    <div style={{ margin: "0 0 12px" }}>
      {items.map((item) => (
        // <div>s: one line each in the text part, without a blank line between them.
        <div key={item.label} style={{ ...styles.text, margin: "0 0 4px" }}>
          <strong>{item.label}:</strong> {item.value}
        </div>
      ))}
    </div>
  );
}
