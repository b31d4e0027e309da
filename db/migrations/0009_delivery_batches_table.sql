CREATE TABLE `delivery_batches` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`listing_ids` text NOT NULL,
	`cards` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `delivery_contents` ADD `matched_positions` text;