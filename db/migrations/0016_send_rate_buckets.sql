CREATE TABLE `send_rate_buckets` (
	`name` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);
