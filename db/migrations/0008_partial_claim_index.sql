DROP INDEX `deliveries_claim_idx`;--> statement-breakpoint
CREATE INDEX `deliveries_claim_idx` ON `deliveries` (`status`,`created_at`,`id`) WHERE "deliveries"."status" = 'planned';