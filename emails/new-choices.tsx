/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { ButtonLink, Layout, LinkFallback, styles } from "./_components/layout";
import { PreferenceList, type PreferenceItem } from "./_components/preference-list";

export interface NewChoicesProps {
  /** Signed link to a page whose button applies these choices (and, for `confirm`, subscribes). */
  applyUrl: string;
  choices: PreferenceItem[];
  /** `change`: the address already gets the digest; `confirm`: it is pending or left, so applying also subscribes. */
  mode: "change" | "confirm";
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/**
 * Sent when the subscribe form (or "Resubscribe" on the unsubscribed page) names an address we
 * already know: nothing is changed until the owner follows this link and presses its button.
 */
export default function NewChoices({ applyUrl, choices, mode, preferencesUrl, unsubscribeUrl }: NewChoicesProps) {
  const confirming = mode === "confirm";
  return (
    <Layout
      preview={
        confirming
          ? "One click to start your weekly remote backend jobs digest"
          : "Nothing changes until you press the button inside"
      }
      heading={confirming ? "Confirm your subscription" : "Use your new choices?"}
      footerLinks={[
        { label: "Change preferences", href: preferencesUrl },
        { label: "Unsubscribe", href: unsubscribeUrl },
      ]}
      footerNote="Someone (hopefully you) asked for this with this address. Nothing has changed: if it wasn't you, ignore this email."
    >
      <Text style={styles.text}>
        {confirming
          ? "Please confirm that you want one email a week with new remote backend jobs that match these filters:"
          : "This address already gets the Backend Weekly digest. To use these filters instead of your current ones, press the button:"}
      </Text>
      <PreferenceList items={choices} />
      <ButtonLink href={applyUrl}>{confirming ? "Confirm with these choices" : "Use these choices"}</ButtonLink>
      <LinkFallback href={applyUrl} />
      <Text style={styles.text}>
        {confirming
          ? "Nothing starts until you press the button; if you don't want these emails, ignore this one."
          : "To keep what you have, or change it yourself, use “Change preferences” below."}
      </Text>
    </Layout>
  );
}

NewChoices.PreviewProps = {
  applyUrl: "http://localhost:3000/subscribe/choices/apply.0b7c1e52-8f3a-4c4e-9d0e-6a2f5b1c7d33.sig",
  choices: [
    { label: "Stacks", value: "Go, Rust" },
    { label: "Seniority", value: "Senior" },
    { label: "Delivery", value: "Monday at 08:00 (Europe/Lisbon), up to 20 listings" },
  ],
  mode: "change",
  preferencesUrl: "http://localhost:3000/preferences/manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
} satisfies NewChoicesProps;
