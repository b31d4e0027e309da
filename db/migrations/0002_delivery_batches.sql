ALTER TABLE `deliveries` ADD `batch_position` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `composed_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `matched_listing_ids` text;--> statement-breakpoint
CREATE INDEX `deliveries_batch_idx` ON `deliveries` (`idempotency_key`);