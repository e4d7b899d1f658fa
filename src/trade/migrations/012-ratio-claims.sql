-- Text facts that state a multiple of another period ("Heihe's trade with
-- Russia is 1.5 times that of the previous five-year plan"): kind 'ratio',
-- the value over year..to_year is `value` times the same flow's value over
-- of_year..of_to_year (of_to_year NULL: the single year of_year).
ALTER TABLE text_facts ADD COLUMN of_year INTEGER;
ALTER TABLE text_facts ADD COLUMN of_to_year INTEGER;
