-- The rollups (0001, 0004) start empty beside a ledger that may hold rows: fill both from the
-- ledger, once, here. Local days are the settings' time zone's (tallychat_local_day is registered
-- on every connection the app opens, src/main/core/db/sql-functions.ts). Rebuilt, not added to,
-- so a database that start-up had already filled ends the same.
DELETE FROM `usage_daily_rollup`;
--> statement-breakpoint
INSERT INTO `usage_daily_rollup` (`day`, `provider_id`, `model`, `status`, `requests`, `input_tokens`, `cached_input_tokens`,
  `cache_write_tokens`, `output_tokens`, `reasoning_tokens`, `cost_usd_nanos`, `unpriced_requests`, `estimated_requests`)
SELECT tallychat_local_day(`started_at`, (SELECT json_extract(`value_json`, '$') FROM `settings` WHERE `key` = 'timeZone')) AS `local_day`,
  `provider_id`, `model`, `status`, COUNT(*), COALESCE(SUM(`input_tokens`), 0), COALESCE(SUM(`cached_input_tokens`), 0),
  COALESCE(SUM(`cache_write_tokens`), 0), COALESCE(SUM(`output_tokens`), 0), COALESCE(SUM(`reasoning_tokens`), 0),
  COALESCE(SUM(`cost_usd_nanos`), 0), SUM(CASE WHEN `cost_usd_nanos` IS NULL AND `status` != 'refused' THEN 1 ELSE 0 END),
  SUM(CASE WHEN `usage_source` = 'estimated' THEN 1 ELSE 0 END)
FROM `requests` WHERE `status` NOT IN ('pending', 'streaming')
GROUP BY `local_day`, `provider_id`, `model`, `status`;
--> statement-breakpoint
DELETE FROM `usage_conversation_rollup`;
--> statement-breakpoint
INSERT INTO `usage_conversation_rollup` (`conversation_id`, `model`, `status`, `requests`, `input_tokens`, `cached_input_tokens`,
  `cache_write_tokens`, `output_tokens`, `reasoning_tokens`, `cost_usd_nanos`, `unpriced_requests`, `estimated_requests`)
SELECT COALESCE(`conversation_id`, ''), `model`, `status`, COUNT(*), COALESCE(SUM(`input_tokens`), 0), COALESCE(SUM(`cached_input_tokens`), 0),
  COALESCE(SUM(`cache_write_tokens`), 0), COALESCE(SUM(`output_tokens`), 0), COALESCE(SUM(`reasoning_tokens`), 0),
  COALESCE(SUM(`cost_usd_nanos`), 0), SUM(CASE WHEN `cost_usd_nanos` IS NULL AND `status` != 'refused' THEN 1 ELSE 0 END),
  SUM(CASE WHEN `usage_source` = 'estimated' THEN 1 ELSE 0 END)
FROM `requests` WHERE `status` NOT IN ('pending', 'streaming')
GROUP BY COALESCE(`conversation_id`, ''), `model`, `status`;
