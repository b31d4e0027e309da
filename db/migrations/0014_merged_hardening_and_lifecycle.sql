CREATE TABLE `preference_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`subscriber_id` text NOT NULL,
	`preferences` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `preference_requests_subscriber_idx` ON `preference_requests` (`subscriber_id`);--> statement-breakpoint
CREATE INDEX `preference_requests_created_idx` ON `preference_requests` (`created_at`);--> statement-breakpoint
CREATE TABLE `confirmation_sends` (
	`subscriber_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`first_send_at` integer,
	`sent_at` integer,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `confirmation_sends_status_idx` ON `confirmation_sends` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `confirmation_sends_key_idx` ON `confirmation_sends` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `send_rate_buckets` (
	`name` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mailed_fingerprints` (
	`fingerprint` text NOT NULL,
	`subscriber_id` text NOT NULL,
	PRIMARY KEY(`fingerprint`, `subscriber_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `mailed_fingerprints_subscriber_idx` ON `mailed_fingerprints` (`subscriber_id`);--> statement-breakpoint
CREATE TABLE `source_claims` (
	`source` text PRIMARY KEY NOT NULL,
	`claimed_by` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `preferences` ADD `include_unknown_employer` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `confirmation_sent_at` integer;--> statement-breakpoint
ALTER TABLE `listings` ADD `reopened_at` integer;--> statement-breakpoint
ALTER TABLE `listings` ADD `seniorities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `source_states` ADD `trusted_count` integer;--> statement-breakpoint
ALTER TABLE `source_states` ADD `suspicious_since` integer;--> statement-breakpoint
ALTER TABLE `suppressions` ADD `key_id` text;--> statement-breakpoint
CREATE INDEX `job_runs_started_at_idx` ON `job_runs` (`started_at`);
--> statement-breakpoint
-- Hand-added backfill (keep it when this migration is regenerated): a stored single level becomes a one-item list.
UPDATE `listings` SET `seniorities` = json_array(`seniority`) WHERE `seniority` IS NOT NULL AND `seniorities` = '[]';

--> statement-breakpoint
-- What each subscriber was mailed, written by the statement that marks a digest sent (or stores
-- one as sent): the provider accepted it, so its fingerprints count as mailed from then on, in
-- the same transaction whatever code path marks it (see db/schema/listing-lifecycle.ts).
CREATE TRIGGER `deliveries_mailed_on_update` AFTER UPDATE OF `status` ON `deliveries`
WHEN NEW.`status` = 'sent' AND OLD.`status` <> 'sent' AND NEW.`kind` = 'digest' AND NEW.`fingerprints` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`) SELECT value, NEW.`subscriber_id` FROM json_each(NEW.`fingerprints`);
END;
--> statement-breakpoint
CREATE TRIGGER `deliveries_mailed_on_insert` AFTER INSERT ON `deliveries`
WHEN NEW.`status` = 'sent' AND NEW.`kind` = 'digest' AND NEW.`fingerprints` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`) SELECT value, NEW.`subscriber_id` FROM json_each(NEW.`fingerprints`);
END;
--> statement-breakpoint
-- Everything sent before this migration counts as mailed too.
INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`)
SELECT j.value, d.`subscriber_id` FROM `deliveries` d, json_each(d.`fingerprints`) j
WHERE d.`status` = 'sent' AND d.`kind` = 'digest' AND d.`fingerprints` IS NOT NULL;
