-- The version of the offers' searchable text a run composed them with: when the code changes how
-- that text is built, the next run recomposes every offer instead of leaving the old text in place.
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS offer_text_version text;
