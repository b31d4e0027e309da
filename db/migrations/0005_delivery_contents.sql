CREATE TABLE `delivery_contents` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`matched_listing_ids` text,
	`payload` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `deliveries` DROP COLUMN `payload`;--> statement-breakpoint
ALTER TABLE `deliveries` DROP COLUMN `matched_listing_ids`;