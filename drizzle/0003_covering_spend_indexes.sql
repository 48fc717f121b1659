DROP INDEX `requests_started_at`;--> statement-breakpoint
DROP INDEX `requests_provider_started`;--> statement-breakpoint
DROP INDEX `requests_model_started`;--> statement-breakpoint
CREATE INDEX `requests_started_cost` ON `requests` (`started_at`,`cost_usd_nanos`);--> statement-breakpoint
CREATE INDEX `requests_provider_started_cost` ON `requests` (`provider_id`,`started_at`,`cost_usd_nanos`);--> statement-breakpoint
CREATE INDEX `requests_model_started_cost` ON `requests` (`model`,`started_at`,`cost_usd_nanos`);