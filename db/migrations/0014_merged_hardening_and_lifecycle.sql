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
ALTER TABLE `subscribers` ADD `confirmation_sent_at` integer;--> statement-breakpoint
ALTER TABLE `suppressions` ADD `key_id` text;