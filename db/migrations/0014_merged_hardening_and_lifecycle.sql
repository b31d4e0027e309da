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
ALTER TABLE `preferences` ADD `include_unknown_employer` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `confirmation_sent_at` integer;--> statement-breakpoint
ALTER TABLE `listings` ADD `seniorities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `suppressions` ADD `key_id` text;
--> statement-breakpoint
-- Hand-added backfill (keep it when this migration is regenerated): a stored single level becomes a one-item list.
UPDATE `listings` SET `seniorities` = json_array(`seniority`) WHERE `seniority` IS NOT NULL AND `seniorities` = '[]';
