CREATE TABLE `usage_conversation_totals` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`requests` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`cached_input_tokens` integer NOT NULL,
	`cache_write_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`cost_usd_nanos` integer NOT NULL,
	`unpriced_requests` integer NOT NULL,
	`estimated_requests` integer NOT NULL,
	`refused_requests` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `usage_conversation_totals_cost` ON `usage_conversation_totals` ("cost_usd_nanos" DESC,"requests" DESC,`conversation_id`);--> statement-breakpoint
CREATE TABLE `usage_rollup_zone` (
	`id` integer PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL
);
--> statement-breakpoint
-- The daily rollup was just rebuilt (0005) in the settings' time zone: record that zone, so days
-- added later are cut the same way (tallychat_time_zone: src/main/core/db/sql-functions.ts). An
-- empty rollup records its zone with its first row instead (UsageRollup.add).
INSERT INTO `usage_rollup_zone` (`id`, `time_zone`)
SELECT 1, tallychat_time_zone((SELECT json_extract(`value_json`, '$') FROM `settings` WHERE `key` = 'timeZone'))
WHERE EXISTS (SELECT 1 FROM `usage_daily_rollup`);
--> statement-breakpoint
-- Backfill: each conversation's totals from its rows in usage_conversation_rollup.
INSERT INTO `usage_conversation_totals` (`conversation_id`, `requests`, `input_tokens`, `cached_input_tokens`, `cache_write_tokens`,
	`output_tokens`, `reasoning_tokens`, `cost_usd_nanos`, `unpriced_requests`, `estimated_requests`, `refused_requests`)
SELECT `conversation_id`, SUM(`requests`), SUM(`input_tokens`), SUM(`cached_input_tokens`), SUM(`cache_write_tokens`),
	SUM(`output_tokens`), SUM(`reasoning_tokens`), SUM(`cost_usd_nanos`), SUM(`unpriced_requests`), SUM(`estimated_requests`),
	SUM(CASE WHEN `status` = 'refused' THEN `requests` ELSE 0 END)
FROM `usage_conversation_rollup` GROUP BY `conversation_id`;
