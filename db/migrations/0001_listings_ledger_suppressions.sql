CREATE TABLE `listing_sources` (
	`listing_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`url` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`missed_fetches` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`source`, `source_id`),
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_sources_listing_idx` ON `listing_sources` (`listing_id`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`company` text NOT NULL,
	`description` text NOT NULL,
	`posted_at` integer,
	`expires_at` integer,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`status` text NOT NULL,
	`closed_at` integer,
	`closed_reason` text,
	`is_backend` integer NOT NULL,
	`focus` text NOT NULL,
	`stacks` text NOT NULL,
	`seniority` text,
	`salary` text,
	`remote` text NOT NULL,
	`remote_scope` text NOT NULL,
	`employer_type` text,
	`fingerprint` text NOT NULL,
	`scam_signals` text NOT NULL,
	`repost_count` integer DEFAULT 0 NOT NULL,
	`manual` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_fingerprint_unique` ON `listings` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `listings_status_first_seen_idx` ON `listings` (`status`,`first_seen_at`);--> statement-breakpoint
CREATE TABLE `source_states` (
	`name` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer,
	`last_success_at` integer,
	`etag` text,
	`last_modified` text,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`subscriber_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`claimed_by` text,
	`claim_expires_at` integer,
	`first_send_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text,
	`payload` text,
	`listing_ids` text,
	`total_matches` integer,
	`provider_message_id` text,
	`sent_at` integer,
	`error` text,
	`delivered_at` integer,
	`bounced_at` integer,
	`complained_at` integer,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_subscriber_kind_period_idx` ON `deliveries` (`subscriber_id`,`kind`,`period`);--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`status`);--> statement-breakpoint
CREATE INDEX `deliveries_provider_message_idx` ON `deliveries` (`provider_message_id`);--> statement-breakpoint
CREATE TABLE `mailed_fingerprints` (
	`subscriber_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`delivery_id` text NOT NULL,
	`mailed_at` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `fingerprint`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`summary` text
);
--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`svix_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
