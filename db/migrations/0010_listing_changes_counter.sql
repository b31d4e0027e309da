CREATE TABLE `listing_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `listing_changes` (`id`, `version`) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `listings_changed_on_insert` AFTER INSERT ON `listings` BEGIN
	INSERT INTO `listing_changes` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listings_changed_on_update` AFTER UPDATE ON `listings` BEGIN
	INSERT INTO `listing_changes` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listings_changed_on_delete` AFTER DELETE ON `listings` BEGIN
	INSERT INTO `listing_changes` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
