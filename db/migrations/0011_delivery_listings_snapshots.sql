CREATE TABLE `delivery_listings` (
	`snapshot` text NOT NULL,
	`position` integer NOT NULL,
	`listing_id` text NOT NULL,
	`card` text NOT NULL,
	PRIMARY KEY(`snapshot`, `position`)
);
--> statement-breakpoint
ALTER TABLE `delivery_batches` ADD `snapshot` text;