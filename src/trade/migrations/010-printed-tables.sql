-- Tables copied from papers (the wide-table importer, src/trade/importers/wide.ts):
-- what the spec said about the table, every printed cell with its rounding,
-- and the checkable facts of the running text. Read by the audit
-- (src/trade/audit.ts) and by the indicators' variant choice.

-- One row per wide table imported with a spec.
CREATE TABLE wide_tables (
  source_id       VARCHAR PRIMARY KEY,  -- sources.id
  table_file      VARCHAR NOT NULL,     -- base name of the CSV
  spec_file       VARCHAR NOT NULL,     -- base name of the spec
  key_column      VARCHAR NOT NULL,     -- the column whose printed text is each row's key
  printed_unit    VARCHAR,              -- the unit as printed in the caption ("million US dollars")
  has_corrections BOOLEAN NOT NULL      -- true: flows holds a complete 'as-corrected' copy next to 'as-printed'
);

-- Every cell of a wide table as printed (variant 'as-printed') and, for
-- tables with corrections, as corrected ('as-corrected'). Numbers keep their
-- printed decimals: a value printed with d decimals stands for ±0.5·10^-d.
CREATE TABLE printed_cells (
  source_id        VARCHAR NOT NULL,
  variant          VARCHAR NOT NULL,  -- 'as-printed'|'as-corrected'
  row_no           INTEGER NOT NULL,  -- line in the CSV (header = 1), as flows.row_no
  row_key          VARCHAR NOT NULL,  -- the row's key as printed ('2012', 'Grain')
  column_no        INTEGER NOT NULL,  -- 1-based position in the CSV
  column_name      VARCHAR NOT NULL,  -- the CSV header
  role             VARCHAR NOT NULL,  -- 'key'|'rank'|'commodity'|'value'|'quantity'|'growth'|'share'|'label'|'ignore'
  printed          VARCHAR NOT NULL,  -- the text as printed ('' for a blank cell)
  value            DOUBLE,            -- the number as printed (growth and shares in %), NULL when blank or text
  decimals         INTEGER,           -- digits after the decimal point as printed
  -- the flow the cell is about (value cells; for growth, share and quantity cells: their value column's flow)
  reporter_level   VARCHAR,
  reporter_code    VARCHAR,
  partner_level    VARCHAR,
  partner_code     VARCHAR,
  year             INTEGER,
  month            INTEGER,
  period_kind      VARCHAR,
  flow             VARCHAR,
  commodity_system VARCHAR,
  commodity_code   VARCHAR,
  commodity_label  VARCHAR,
  currency         VARCHAR,
  scale            DOUBLE,            -- value cells: the multiplier of the printed number
  of_column        VARCHAR,           -- growth/share/quantity: the value column it refers to
  correction       VARCHAR,           -- as-corrected cells that differ from print: the reason
  PRIMARY KEY (source_id, variant, row_no, column_no)
);

-- Claims from the running text of a source's paper, one row per claim.
CREATE TABLE text_facts (
  source_id           VARCHAR NOT NULL,
  fact_id             VARCHAR NOT NULL,
  claim_no            INTEGER NOT NULL,  -- 1-based within the fact
  text                VARCHAR NOT NULL,  -- the sentence as printed
  cite                VARCHAR,           -- where it is printed, when not in the source's own paper
  kind                VARCHAR NOT NULL,  -- 'value'|'growth'|'share'
  comparison          VARCHAR NOT NULL,  -- 'about'|'at-least'|'at-most'
  reporter_level      VARCHAR NOT NULL,
  reporter_code       VARCHAR NOT NULL,
  partner_level       VARCHAR NOT NULL,
  partner_code        VARCHAR NOT NULL,
  year                INTEGER,           -- NULL: the text gives no year
  period_kind         VARCHAR NOT NULL,
  month               INTEGER,
  flow                VARCHAR NOT NULL,
  commodity_system    VARCHAR NOT NULL,
  commodity_code      VARCHAR NOT NULL,
  printed             VARCHAR,           -- the number as printed (value, or growth/share in %)
  value               DOUBLE,
  decimals            INTEGER,
  currency            VARCHAR,
  scale               DOUBLE,
  value_usd           DOUBLE,            -- value × scale in US dollars (NULL without a rate)
  quantity_printed    VARCHAR,
  quantity            DOUBLE,            -- as printed, times quantity_scale gives the amount in quantity_unit
  quantity_decimals   INTEGER,
  quantity_scale      DOUBLE,
  quantity_unit       VARCHAR,
  of_quantity         BOOLEAN DEFAULT false,  -- growth of the quantity rather than the value
  in_reporter_level   VARCHAR,           -- share claims: the total it is a share of
  in_reporter_code    VARCHAR,
  in_partner_level    VARCHAR,
  in_partner_code     VARCHAR,
  in_flow             VARCHAR,
  in_commodity_system VARCHAR,
  in_commodity_code   VARCHAR,
  in_label            VARCHAR,
  PRIMARY KEY (source_id, fact_id, claim_no)
);
