ALTER TABLE `price_overrides` ADD `cache_write_1h_usd_nanos_per_mtok` integer;--> statement-breakpoint
ALTER TABLE `price_overrides` ADD `request_usd_nanos_per_call` integer;--> statement-breakpoint
ALTER TABLE `price_overrides` ADD `web_search_usd_nanos_per_call` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `cache_write_5m_tokens` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `cache_write_1h_tokens` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `price_cache_write_1h_usd_nanos_per_mtok` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `request_calls` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `price_request_usd_nanos_per_call` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `request_fee_usd_nanos` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `web_search_calls` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `price_web_search_usd_nanos_per_call` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `web_search_fee_usd_nanos` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `call_fee_price_source` text;