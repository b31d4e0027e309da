/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { Layout, styles } from "./_components/layout";
import { PreferenceList, type PreferenceItem } from "./_components/preference-list";

export interface WelcomeProps {
  preferences: PreferenceItem[];
  firstDigest: string;
  /** False when the filters match nothing now: firstDigest then says itself that an empty week sends nothing. */
  matchesNow: boolean;
  /** Subscribing again after earlier digests: welcomed back, and the next digest is not their first. */
  returning?: boolean;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** Sent once, right after confirmation: what they will get, when, and how to change it. */
export default function Welcome({
  preferences,
  firstDigest,
  matchesNow,
  returning = false,
  preferencesUrl,
  unsubscribeUrl,
}: WelcomeProps) {
  const emptyWeeks = matchesNow ? " Weeks with nothing new send nothing." : "";
  const which = returning ? "next" : "first";
  return (
    <Layout
      preview={`You're in. Your ${which} digest arrives ${firstDigest}.`}
      heading={returning ? "Welcome back to Backend Weekly" : "Welcome to Backend Weekly"}
      footerLinks={[
        { label: "Change preferences", href: preferencesUrl },
        { label: "Unsubscribe", href: unsubscribeUrl },
      ]}
    >
      <Text style={styles.text}>
        Your subscription is confirmed. Once a week you'll get the new, open, verified remote backend roles that match:
      </Text>
      <PreferenceList items={preferences} />
      <Text style={styles.text}>
        Your {which} digest arrives {firstDigest}.{emptyWeeks}
      </Text>
    </Layout>
  );
}

Welcome.PreviewProps = {
  preferences: [
    { label: "Stacks", value: "Go, Rust" },
    { label: "Working from", value: "Canada · America/Toronto" },
    { label: "Delivery", value: "Tuesday at 09:00 (America/Toronto), up to 20 listings" },
  ],
  firstDigest: "within the next 15 minutes, then every Tuesday at 09:00",
  matchesNow: true,
  preferencesUrl: "http://localhost:3000/preferences/manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
} satisfies WelcomeProps;
