DROP TABLE `delivery_batches`;--> statement-breakpoint
DROP TABLE `delivery_listings`;--> statement-breakpoint
DROP INDEX `deliveries_claim_idx`;--> statement-breakpoint
ALTER TABLE `delivery_contents` DROP COLUMN `matched_positions`;--> statement-breakpoint
ALTER TABLE `delivery_contents` DROP COLUMN `payload`;