-- What each subscriber was mailed, written by the statement that marks a digest sent (or stores
-- one as sent): the provider accepted it, so its fingerprints count as mailed from then on, in
-- the same transaction whatever code path marks it (see db/schema/listing-lifecycle.ts).
CREATE TRIGGER `deliveries_mailed_on_update` AFTER UPDATE OF `status` ON `deliveries`
WHEN NEW.`status` = 'sent' AND OLD.`status` <> 'sent' AND NEW.`kind` = 'digest' AND NEW.`fingerprints` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`) SELECT value, NEW.`subscriber_id` FROM json_each(NEW.`fingerprints`);
END;
--> statement-breakpoint
CREATE TRIGGER `deliveries_mailed_on_insert` AFTER INSERT ON `deliveries`
WHEN NEW.`status` = 'sent' AND NEW.`kind` = 'digest' AND NEW.`fingerprints` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`) SELECT value, NEW.`subscriber_id` FROM json_each(NEW.`fingerprints`);
END;
--> statement-breakpoint
-- Everything sent before this migration counts as mailed too.
INSERT OR IGNORE INTO `mailed_fingerprints` (`fingerprint`, `subscriber_id`)
SELECT j.value, d.`subscriber_id` FROM `deliveries` d, json_each(d.`fingerprints`) j
WHERE d.`status` = 'sent' AND d.`kind` = 'digest' AND d.`fingerprints` IS NOT NULL;
