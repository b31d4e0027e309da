ALTER TABLE `deliveries` ADD `fingerprints` text;--> statement-breakpoint
-- Keep what was mailed: each sent digest's fingerprints move onto its ledger row before the per-listing table goes.
UPDATE `deliveries` SET `fingerprints` = (SELECT json_group_array(m.`fingerprint`) FROM `mailed_fingerprints` m WHERE m.`delivery_id` = `deliveries`.`id`)
WHERE `id` IN (SELECT `delivery_id` FROM `mailed_fingerprints`);--> statement-breakpoint
DROP TABLE `mailed_fingerprints`;
