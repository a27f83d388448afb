-- CreateEnum
CREATE TYPE "TransitionSource" AS ENUM ('NCO', 'DUO', 'OWN');

-- CreateEnum
CREATE TYPE "TransitionSharing" AS ENUM ('PRIVATE', 'PARTNERS', 'REGION');

-- CreateEnum
CREATE TYPE "TransitionOriginTrack" AS ENUM ('VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO', 'VWO', 'MBO_1', 'MBO_2', 'MBO_3', 'MBO_4');

-- CreateEnum
CREATE TYPE "TransitionDestination" AS ENUM ('MBO', 'HBO', 'WO', 'LABOUR_MARKET', 'OTHER');

-- CreateTable
CREATE TABLE "TransitionDataset" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "source" "TransitionSource" NOT NULL,
    "description" TEXT NOT NULL,
    "sharing" "TransitionSharing" NOT NULL DEFAULT 'PRIVATE',
    "regionId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TransitionDataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransitionDatasetShare" (
    "datasetId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransitionDatasetShare_pkey" PRIMARY KEY ("datasetId","organisationId")
);

-- CreateTable
CREATE TABLE "TransitionRow" (
    "id" BIGSERIAL NOT NULL,
    "datasetId" TEXT NOT NULL,
    "cohortYear" INTEGER NOT NULL,
    "originBrin" TEXT NOT NULL,
    "originVestiging" TEXT NOT NULL,
    "originTrack" "TransitionOriginTrack" NOT NULL,
    "destinationSector" "TransitionDestination" NOT NULL,
    "destinationBrin" TEXT NOT NULL DEFAULT '',
    "programmeCode" TEXT NOT NULL DEFAULT '',
    "started" INTEGER NOT NULL,
    "enrolledAfterYear1" INTEGER NOT NULL,
    "switched" INTEGER NOT NULL,
    "droppedOut" INTEGER NOT NULL,
    "diplomaNominal" INTEGER NOT NULL,

    CONSTRAINT "TransitionRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransitionImportMapping" (
    "organisationId" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TransitionImportMapping_pkey" PRIMARY KEY ("organisationId")
);

-- CreateIndex
CREATE INDEX "TransitionDataset_organisationId_idx" ON "TransitionDataset"("organisationId");

-- CreateIndex
CREATE INDEX "TransitionDataset_regionId_sharing_idx" ON "TransitionDataset"("regionId", "sharing");

-- CreateIndex
CREATE INDEX "TransitionDatasetShare_organisationId_idx" ON "TransitionDatasetShare"("organisationId");

-- CreateIndex
CREATE INDEX "TransitionRow_datasetId_cohortYear_originTrack_destinationS_idx" ON "TransitionRow"("datasetId", "cohortYear", "originTrack", "destinationSector");

-- CreateIndex
CREATE UNIQUE INDEX "TransitionRow_key" ON "TransitionRow"("datasetId", "cohortYear", "originBrin", "originVestiging", "originTrack", "destinationSector", "destinationBrin", "programmeCode");

-- AddForeignKey
ALTER TABLE "TransitionDataset" ADD CONSTRAINT "TransitionDataset_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionDataset" ADD CONSTRAINT "TransitionDataset_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionDataset" ADD CONSTRAINT "TransitionDataset_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionDatasetShare" ADD CONSTRAINT "TransitionDatasetShare_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "TransitionDataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionDatasetShare" ADD CONSTRAINT "TransitionDatasetShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionRow" ADD CONSTRAINT "TransitionRow_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "TransitionDataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransitionImportMapping" ADD CONSTRAINT "TransitionImportMapping_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
