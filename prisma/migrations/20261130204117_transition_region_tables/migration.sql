-- Issue 17 (transitions region report): the disclosure-protected table set of a region is stored, keyed by region
-- and by the rules and code it was computed with (server/transitions/region-tables.ts), together with the region's
-- data version it was computed for. Every change of what the region's figures are made of — a row of a dataset
-- shared with the region written, changed or deleted (import, replace, delete), a dataset's sharing, region, owner or
-- source changed (consent, withdrawal), a dataset deleted — bumps the region's version in the same transaction, by
-- the triggers below, whoever writes (the app, a seed, a cascade). A stored set is only read back while its version
-- is the region's current one, so a read after a commit never sees the set from before it, and a set computed from an
-- older snapshot is never stored over a newer one. Semicolons of the bodies are written as \x3b (see 20261130133000).

-- CreateTable
CREATE TABLE "TransitionRegionVersion" (
    "regionId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TransitionRegionVersion_pkey" PRIMARY KEY ("regionId")
);

-- CreateTable
CREATE TABLE "TransitionRegionTables" (
    "regionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "tables" JSON NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransitionRegionTables_pkey" PRIMARY KEY ("regionId","key")
);

-- One more version for each of these regions (each once, in a fixed order: concurrent writers lock the same rows in
-- the same order).
CREATE FUNCTION "transition_region_bump"(p_regions text[]) RETURNS void LANGUAGE sql AS
  E'INSERT INTO "TransitionRegionVersion" AS v ("regionId", "version")
  SELECT DISTINCT r, 1 FROM unnest(p_regions) AS r WHERE r IS NOT NULL ORDER BY 1
  ON CONFLICT ("regionId") DO UPDATE SET "version" = v."version" + 1';

-- A dataset: its region before and after, when shared with a region (sharing, region, owner, source, its import's
-- updatedAt, deletion).
CREATE FUNCTION "transition_dataset_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  PERFORM "transition_region_bump"(ARRAY[
    CASE WHEN TG_OP <> ''INSERT'' AND OLD."sharing" = ''REGION'' THEN OLD."regionId" END,
    CASE WHEN TG_OP <> ''DELETE'' AND NEW."sharing" = ''REGION'' THEN NEW."regionId" END])\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "TransitionDataset_region_version" AFTER INSERT OR UPDATE OR DELETE ON "TransitionDataset"
  FOR EACH ROW EXECUTE FUNCTION "transition_dataset_changed"();

-- Rows: once per statement (an import writes a million rows in one), over the statement's transition tables.
CREATE FUNCTION "transition_rows_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "transition_region_bump"(ARRAY(SELECT d."regionId" FROM "TransitionDataset" d
      WHERE d."sharing" = ''REGION'' AND d."id" IN (SELECT DISTINCT "datasetId" FROM new_rows)))\x3b
  ELSIF TG_OP = ''DELETE'' THEN
    PERFORM "transition_region_bump"(ARRAY(SELECT d."regionId" FROM "TransitionDataset" d
      WHERE d."sharing" = ''REGION'' AND d."id" IN (SELECT DISTINCT "datasetId" FROM old_rows)))\x3b
  ELSE
    PERFORM "transition_region_bump"(ARRAY(SELECT d."regionId" FROM "TransitionDataset" d
      WHERE d."sharing" = ''REGION'' AND d."id" IN (SELECT "datasetId" FROM old_rows UNION SELECT "datasetId" FROM new_rows)))\x3b
  END IF\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "TransitionRow_region_version_insert" AFTER INSERT ON "TransitionRow"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "transition_rows_changed"();
CREATE TRIGGER "TransitionRow_region_version_update" AFTER UPDATE ON "TransitionRow"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "transition_rows_changed"();
CREATE TRIGGER "TransitionRow_region_version_delete" AFTER DELETE ON "TransitionRow"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "transition_rows_changed"();

-- TRUNCATE (no transition tables): every region gets a new version.
CREATE FUNCTION "transition_all_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  PERFORM "transition_region_bump"(ARRAY(SELECT "id" FROM "Region" UNION SELECT "regionId" FROM "TransitionRegionVersion"))\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "TransitionRow_region_version_truncate" AFTER TRUNCATE ON "TransitionRow"
  FOR EACH STATEMENT EXECUTE FUNCTION "transition_all_changed"();
CREATE TRIGGER "TransitionDataset_region_version_truncate" AFTER TRUNCATE ON "TransitionDataset"
  FOR EACH STATEMENT EXECUTE FUNCTION "transition_all_changed"();
