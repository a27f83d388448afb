-- CreateEnum
CREATE TYPE "FundCategory" AS ENUM ('PERSONNEL', 'ACTIVITIES', 'MATERIALS', 'TRANSPORT', 'EXTERNAL_HIRE', 'OVERHEAD');

-- CreateEnum
CREATE TYPE "FundReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "FundGrant" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "fundName" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "penvoerderId" TEXT NOT NULL,
    "coFinancingPercent" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundAllocation" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,

    CONSTRAINT "FundAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundBudgetLine" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "activity" TEXT NOT NULL,
    "category" "FundCategory" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundBudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundBudgetLineBoard" (
    "budgetLineId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,

    CONSTRAINT "FundBudgetLineBoard_pkey" PRIMARY KEY ("budgetLineId","boardId")
);

-- CreateTable
CREATE TABLE "FundReport" (
    "id" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "coFinancedCents" INTEGER NOT NULL,
    "spentOn" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "category" "FundCategory" NOT NULL,
    "status" "FundReportStatus" NOT NULL DEFAULT 'DRAFT',
    "rejectReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "decidedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundEvidence" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundClosedYear" (
    "grantId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "closedById" TEXT,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundClosedYear_pkey" PRIMARY KEY ("grantId","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "FundGrant_regionId_fundName_key" ON "FundGrant"("regionId", "fundName");

-- CreateIndex
CREATE UNIQUE INDEX "FundAllocation_grantId_year_key" ON "FundAllocation"("grantId", "year");

-- CreateIndex
CREATE INDEX "FundBudgetLine_grantId_year_idx" ON "FundBudgetLine"("grantId", "year");

-- CreateIndex
CREATE INDEX "FundBudgetLineBoard_boardId_idx" ON "FundBudgetLineBoard"("boardId");

-- CreateIndex
CREATE INDEX "FundReport_budgetLineId_status_idx" ON "FundReport"("budgetLineId", "status");

-- CreateIndex
CREATE INDEX "FundReport_boardId_status_idx" ON "FundReport"("boardId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FundEvidence_storageKey_key" ON "FundEvidence"("storageKey");

-- CreateIndex
CREATE INDEX "FundEvidence_reportId_idx" ON "FundEvidence"("reportId");

-- AddForeignKey
ALTER TABLE "FundGrant" ADD CONSTRAINT "FundGrant_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundGrant" ADD CONSTRAINT "FundGrant_penvoerderId_fkey" FOREIGN KEY ("penvoerderId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundAllocation" ADD CONSTRAINT "FundAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundBudgetLine" ADD CONSTRAINT "FundBudgetLine_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundBudgetLineBoard" ADD CONSTRAINT "FundBudgetLineBoard_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundBudgetLineBoard" ADD CONSTRAINT "FundBudgetLineBoard_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundEvidence" ADD CONSTRAINT "FundEvidence_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FundReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundEvidence" ADD CONSTRAINT "FundEvidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundClosedYear" ADD CONSTRAINT "FundClosedYear_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundClosedYear" ADD CONSTRAINT "FundClosedYear_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Amounts are non-negative euro cents, percentages and years within range (checked in the services too).
ALTER TABLE "FundAllocation" ADD CONSTRAINT "FundAllocation_amount_check" CHECK ("amountCents" >= 0);
ALTER TABLE "FundBudgetLine" ADD CONSTRAINT "FundBudgetLine_amount_check" CHECK ("amountCents" >= 0);
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_amounts_check" CHECK ("amountCents" > 0 AND "coFinancedCents" >= 0);
ALTER TABLE "FundGrant" ADD CONSTRAINT "FundGrant_cofinancing_check" CHECK ("coFinancingPercent" >= 0 AND "coFinancingPercent" <= 1000 AND "endYear" >= "startYear");
