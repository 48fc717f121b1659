CREATE TABLE `sync_devices` (
	`device_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`last_seen_at` integer,
	`announced_rows` integer DEFAULT 0 NOT NULL,
	`imported_at` integer
);
--> statement-breakpoint
ALTER TABLE `requests` ADD `origin_device_id` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `exported_at` integer;--> statement-breakpoint
CREATE INDEX `requests_unexported` ON `requests` (`started_at`) WHERE origin_device_id IS NULL AND exported_at IS NULL AND status NOT IN ('pending', 'streaming');--> statement-breakpoint
CREATE INDEX `requests_origin_device` ON `requests` (`origin_device_id`) WHERE origin_device_id IS NOT NULL;