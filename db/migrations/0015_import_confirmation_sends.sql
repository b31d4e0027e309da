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
CREATE INDEX `confirmation_sends_key_idx` ON `confirmation_sends` (`idempotency_key`);