PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_delivery_listings` (
	`snapshot` text NOT NULL,
	`position` integer NOT NULL,
	`listing_id` text NOT NULL,
	`card` text,
	PRIMARY KEY(`snapshot`, `position`)
);
--> statement-breakpoint
INSERT INTO `__new_delivery_listings`("snapshot", "position", "listing_id", "card") SELECT "snapshot", "position", "listing_id", "card" FROM `delivery_listings`;--> statement-breakpoint
DROP TABLE `delivery_listings`;--> statement-breakpoint
ALTER TABLE `__new_delivery_listings` RENAME TO `delivery_listings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;