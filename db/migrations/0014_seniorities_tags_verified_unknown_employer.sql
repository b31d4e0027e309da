ALTER TABLE `preferences` ADD `include_unknown_employer` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `seniorities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `verified_at` integer;--> statement-breakpoint
-- Hand-added backfill (keep it if this migration is regenerated): a stored single level becomes a one-item list.
UPDATE `listings` SET `seniorities` = json_array(`seniority`) WHERE `seniority` IS NOT NULL AND `seniorities` = '[]';
