-- Reference data: places and regions, commodity nomenclatures, exchange
-- rates and world totals. Filled by first-use hooks from data files
-- (src/trade/regions.ts, src/trade/rates.ts) or by imports.

CREATE TABLE regions (
  code     VARCHAR PRIMARY KEY,   -- 'CHN', 'WLD', 'CN-HL', 'RU-AMU', 'CN-HL-HEIHE', 'CT-899'
  level    VARCHAR NOT NULL,      -- 'world'|'country'|'province'|'city'|'port'|'group'
  name_en  VARCHAR,
  name_zh  VARCHAR,
  name_ru  VARCHAR,
  iso2     VARCHAR,
  iso3     VARCHAR,
  m49      INTEGER,
  parent   VARCHAR,               -- code of the containing region ('CHN' for 'CN-HL')
  source   VARCHAR                -- where the record comes from
);

-- Numeric area codes of other schemes mapped to region codes: Comtrade's
-- own reporter/partner codes (France 251, Italy 381, USA 842, …), which
-- BACI uses too.
CREATE TABLE area_codes (
  scheme       VARCHAR NOT NULL,  -- 'comtrade'
  numeric_code INTEGER NOT NULL,
  code         VARCHAR NOT NULL,  -- regions.code
  level        VARCHAR NOT NULL,
  note         VARCHAR,
  PRIMARY KEY (scheme, numeric_code)
);

CREATE TABLE commodities (
  system   VARCHAR NOT NULL,      -- 'HS2022', … or 'SRC:<source id>'
  code     VARCHAR NOT NULL,
  parent   VARCHAR,
  level    INTEGER,               -- HS: 0 section, 2 chapter, 4 heading, 6 subheading
  label_en VARCHAR,
  label_zh VARCHAR,
  label_ru VARCHAR,
  PRIMARY KEY (system, code)
);

CREATE TABLE exchange_rates (
  currency VARCHAR NOT NULL,      -- ISO 4217, e.g. 'CNY'
  year     INTEGER NOT NULL,
  month    INTEGER,               -- NULL for the annual average
  per_usd  DOUBLE NOT NULL,       -- units of currency per one US dollar (period average)
  source   VARCHAR NOT NULL
);

CREATE TABLE world_totals (
  year             INTEGER NOT NULL,
  flow             VARCHAR NOT NULL,  -- 'export'|'import'
  commodity_system VARCHAR NOT NULL,
  commodity_code   VARCHAR NOT NULL,  -- 'TOTAL' for all goods
  value_usd        DOUBLE NOT NULL,
  source_id        VARCHAR NOT NULL
);
