CREATE TABLE `empty_week_notes` (
	`subscriber_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`claimed_by` text,
	`claim_expires_at` integer,
	`first_send_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`payload` text,
	`provider_message_id` text,
	`sent_at` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `period`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `empty_week_notes_status_idx` ON `empty_week_notes` (`status`);--> statement-breakpoint
ALTER TABLE `preferences` ADD `empty_week_notes` integer DEFAULT true NOT NULL;