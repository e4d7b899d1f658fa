-- The trade store's core: where each number came from (sources) and the
-- numbers themselves (flows, one row per reported value). See
-- docs/ARCHITECTURE.md and src/trade/store.ts for the contract.

CREATE TABLE sources (
  id          VARCHAR PRIMARY KEY,   -- slug, e.g. 'comtrade-chn-2010' or 'heihe-foreign-trade-2011-2015'
  title       VARCHAR NOT NULL,
  publisher   VARCHAR,
  citation    VARCHAR,
  url         VARCHAR,
  licence     VARCHAR,
  file_name   VARCHAR,               -- base name of the imported file
  file_hash   VARCHAR UNIQUE,        -- sha256 of the file's bytes: re-importing the same file is a no-op
  spec        JSON,                  -- the spec or column mapping used, and the importer's notes
  importer    VARCHAR,               -- 'comtrade-v1-json' | 'comtrade-v1-csv' | 'comtrade-legacy-csv' | 'baci' | 'tidy-csv' | 'tidy-xlsx' | 'wide' …
  rows        INTEGER,               -- rows written to flows
  imported_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE flows (
  source_id        VARCHAR NOT NULL,  -- sources.id
  row_no           INTEGER,           -- row in the source file, 1-based, header = 1
  reporter_level   VARCHAR NOT NULL,  -- 'world'|'country'|'province'|'city'|'port'|'group'
  reporter_code    VARCHAR NOT NULL,  -- ISO 3166-1 alpha-3, 'WLD', ISO 3166-2, 'CN-HL-HEIHE', 'atlas:…', 'CT-899'
  partner_level    VARCHAR NOT NULL,
  partner_code     VARCHAR NOT NULL,  -- 'WLD' for all partners
  year             INTEGER NOT NULL,
  month            INTEGER,           -- NULL for annual; for 'ytd' the last month included
  period_kind      VARCHAR NOT NULL,  -- 'year'|'month'|'ytd'
  flow             VARCHAR NOT NULL,  -- 'export'|'import'|'total'|'re-export'|'re-import'
  commodity_system VARCHAR NOT NULL,  -- 'HS2022'|'HS2017'|'HS2012'|'HS2007'|'HS2002'|'HS1996'|'HS1992'|'HS'|'TOTAL'|'SRC'
  commodity_code   VARCHAR NOT NULL,  -- 'TOTAL' for all goods; HS codes with leading zeros; own categories: a slug
  commodity_label  VARCHAR,
  value            DOUBLE,            -- as printed/reported, in currency × scale
  currency         VARCHAR,           -- 'USD'|'CNY'|'RUB'|…
  scale            DOUBLE,            -- 1, 1e3, 1e6, 1e8, 1e9
  value_usd        DOUBLE,            -- value × scale in plain US dollars, converted once (NULL if no rate)
  quantity         DOUBLE,
  quantity_unit    VARCHAR,           -- 'kg','t','kWh','m3','u', …
  net_weight_kg    DOUBLE,
  basis            VARCHAR,           -- 'CIF'|'FOB'|NULL
  reported_by      VARCHAR NOT NULL,  -- 'reporter'|'partner' (mirror)
  variant          VARCHAR NOT NULL DEFAULT 'as-reported', -- 'as-reported'|'as-printed'|'as-corrected'
  estimated        BOOLEAN DEFAULT false,
  derived          BOOLEAN DEFAULT false
);

-- First-use hooks that have run on this database, with the version of the
-- data they loaded (a hook runs again when its version changes).
CREATE TABLE store_hooks (
  id        VARCHAR PRIMARY KEY,
  version   VARCHAR NOT NULL,
  ran_at    TIMESTAMP DEFAULT current_timestamp
);
