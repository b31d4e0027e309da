/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { ButtonLink, Layout, LinkFallback, styles } from "./_components/layout";
import { PreferenceList, type PreferenceItem } from "./_components/preference-list";

export interface ConfirmSubscriptionProps {
  confirmUrl: string;
  preferences: PreferenceItem[];
}

/** Double opt-in: nothing else is mailed until this link is followed and the button pressed. */
export default function ConfirmSubscription({ confirmUrl, preferences }: ConfirmSubscriptionProps) {
  return (
    <Layout
      preview="One click to start your weekly remote backend jobs digest"
      heading="Confirm your subscription"
      footerNote="You get this email because someone entered this address on Backend Weekly. If it wasn't you, ignore it: nothing more will be sent."
    >
      <Text style={styles.text}>
        Please confirm that you want one email a week with new remote backend jobs that match these filters:
      </Text>
      <PreferenceList items={preferences} />
      <ButtonLink href={confirmUrl}>Confirm my subscription</ButtonLink>
      {/* For a client that blocks the button; the text part already has this URL once, by the button's label. */}
      <LinkFallback href={confirmUrl} />
    </Layout>
  );
}

ConfirmSubscription.PreviewProps = {
  confirmUrl: "http://localhost:3000/confirm/confirm.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
  preferences: [
    { label: "Focus", value: "APIs & product backends, Platform & infrastructure" },
    { label: "Stacks", value: "Go, Python" },
    { label: "Seniority", value: "Senior" },
    { label: "Salary", value: "at least $150,000/year, plus listings that don't state one" },
    { label: "Working from", value: "Portugal · Europe/Lisbon" },
    { label: "Delivery", value: "Monday at 08:00 (Europe/Lisbon), up to 20 listings" },
  ],
} satisfies ConfirmSubscriptionProps;
