-- readers: optional (the readers of sources.titles look for the column first: src/trade/store.ts readersOptional)
-- A source's title in the reader's language: `title` stays the title as
-- printed (or as the importer or the user gave it), used in citations;
-- `titles` holds its translations, {"zh": …, "ru": …} (src/i18n/source-titles.ts
-- for the importers' own titles, a spec's `titles` for the seed tables).
-- NULL: no translation known (rows imported before this migration, a title the
-- user gave); the English title is shown then.
ALTER TABLE sources ADD COLUMN titles JSON;
