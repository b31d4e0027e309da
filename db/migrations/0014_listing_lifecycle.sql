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
ALTER TABLE `listings` ADD `reopened_at` integer;--> statement-breakpoint
ALTER TABLE `source_states` ADD `trusted_count` integer;--> statement-breakpoint
ALTER TABLE `source_states` ADD `suspicious_since` integer;