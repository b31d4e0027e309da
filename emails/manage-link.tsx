/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { ButtonLink, Layout, LinkFallback, styles } from "./_components/layout";

export interface ManageLinkProps {
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/**
 * Sent when someone subscribes an address that is already confirmed: the page they saw is the
 * same as for a new address (no enumeration), and the owner gets this link instead.
 */
export default function ManageLink({ preferencesUrl, unsubscribeUrl }: ManageLinkProps) {
  return (
    <Layout
      preview="You're already subscribed: here is the link to your preferences"
      heading="You're already subscribed"
      footerLinks={[
        // The button above is the same link: the text part prints it once, there.
        { label: "Change preferences", href: preferencesUrl, skipInText: true },
        { label: "Unsubscribe", href: unsubscribeUrl },
      ]}
      footerNote="Someone (hopefully you) asked to subscribe this address again. Nothing has changed."
    >
      <Text style={styles.text}>
        This address already gets the Backend Weekly digest. To change your filters, the delivery day or hour, or to
        pause for a while, open your preferences:
      </Text>
      <ButtonLink href={preferencesUrl}>Manage my subscription</ButtonLink>
      <LinkFallback href={preferencesUrl} />
    </Layout>
  );
}

ManageLink.PreviewProps = {
  preferencesUrl: "http://localhost:3000/preferences/manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
} satisfies ManageLinkProps;
