CREATE TABLE `preferences` (
	`subscriber_id` text PRIMARY KEY NOT NULL,
	`focus` text NOT NULL,
	`stacks` text NOT NULL,
	`seniority` text NOT NULL,
	`min_salary_usd` integer,
	`include_no_salary` integer NOT NULL,
	`country` text,
	`timezone` text NOT NULL,
	`employer_types` text NOT NULL,
	`must_have_keywords` text NOT NULL,
	`excluded_keywords` text NOT NULL,
	`excluded_companies` text NOT NULL,
	`send_weekday` integer NOT NULL,
	`send_hour` integer NOT NULL,
	`max_listings` integer NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	`unsubscribe_reason` text,
	`paused_until` integer,
	`origin` text DEFAULT 'form' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`email`);--> statement-breakpoint
CREATE INDEX `subscribers_status_idx` ON `subscribers` (`status`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
