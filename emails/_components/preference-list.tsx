/** @jsxImportSource react */
import { Section, Text } from "@react-email/components";
import { styles } from "./layout";

export interface PreferenceItem {
  label: string;
  value: string;
}

/** The subscriber's filters restated, one line each. */
export function PreferenceList({ items }: { items: PreferenceItem[] }) {
  return (
    <Section>
      {items.map((item) => (
        <Text key={item.label} style={{ ...styles.text, margin: "0 0 4px" }}>
          <strong>{item.label}:</strong> {item.value}
        </Text>
      ))}
    </Section>
  );
}
