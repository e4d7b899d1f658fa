-- Text facts that sum a value over several years ("1998–2013: US$24.873 billion",
-- "the 12th five-year plan: US$7.25 billion"), and the mode of trade where a
-- source gives it (general trade, border petty trade, processing trade).

-- A value claim with to_year is the sum over year..to_year (both included).
ALTER TABLE text_facts ADD COLUMN to_year INTEGER;
-- 'general' | 'border-petty' | 'processing' | 'other'; NULL: all modes together.
ALTER TABLE text_facts ADD COLUMN trade_mode VARCHAR;
-- The same for flows: NULL is trade in all modes (what nearly every source gives).
ALTER TABLE flows ADD COLUMN trade_mode VARCHAR;
