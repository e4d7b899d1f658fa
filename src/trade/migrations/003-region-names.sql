-- Names and codes by which a region may be written in a user's table
-- (lower-cased code, English, Chinese and Russian names, Chinese names
-- without their 省/市/县 suffix), each mapped to one region code. Filled with
-- `regions` by src/trade/regions.ts; used to resolve places in tidy imports.
CREATE TABLE region_names (
  key  VARCHAR PRIMARY KEY,
  code VARCHAR NOT NULL
);
