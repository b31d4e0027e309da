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
ALTER TABLE `preferences` ADD `include_unknown_employer` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `confirmation_sent_at` integer;--> statement-breakpoint
ALTER TABLE `listings` ADD `seniorities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `suppressions` ADD `key_id` text;--> statement-breakpoint
CREATE INDEX `job_runs_started_at_idx` ON `job_runs` (`started_at`);
--> statement-breakpoint
-- Hand-added backfill (keep it when this migration is regenerated): a stored single level becomes a one-item list.
UPDATE `listings` SET `seniorities` = json_array(`seniority`) WHERE `seniority` IS NOT NULL AND `seniorities` = '[]';
