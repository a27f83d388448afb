-- CreateEnum
CREATE TYPE "FundChangeStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "FundPaymentKind" AS ENUM ('ADVANCE', 'AFTER_APPROVAL');

-- AlterTable
ALTER TABLE "FundAllocation" ADD COLUMN     "reportDeadline" DATE;

-- AlterTable
ALTER TABLE "FundBudgetLine" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "FundGrant" ADD COLUMN     "budgetVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "closedById" TEXT,
ADD COLUMN     "fourEyes" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "FundReport" ADD COLUMN     "approvedLineVersionId" TEXT;

-- CreateTable
CREATE TABLE "FundBudgetChange" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "resultVersion" INTEGER,
    "status" "FundChangeStatus" NOT NULL DEFAULT 'PROPOSED',
    "reason" TEXT NOT NULL,
    "ops" JSONB NOT NULL,
    "diff" JSONB,
    "rejectReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "proposedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundBudgetChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundLineVersion" (
    "id" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "budgetVersion" INTEGER NOT NULL,
    "activity" TEXT NOT NULL,
    "category" "FundCategory" NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "boardIds" TEXT[],
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundLineVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundPayment" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "FundPaymentKind" NOT NULL,
    "paidOn" DATE NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "budgetLineId" TEXT,
    "reportId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundResultReport" (
    "id" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "pupilsReached" INTEGER NOT NULL DEFAULT 0,
    "narrative" TEXT NOT NULL DEFAULT '',
    "obstacles" TEXT NOT NULL DEFAULT '',
    "eventIds" TEXT[],
    "programmeIds" TEXT[],
    "goals" JSONB NOT NULL DEFAULT '[]',
    "status" "FundReportStatus" NOT NULL DEFAULT 'DRAFT',
    "rejectReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "decidedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundResultReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundGrantDocument" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundGrantDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FundBudgetChange_grantId_status_idx" ON "FundBudgetChange"("grantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FundLineVersion_budgetLineId_version_key" ON "FundLineVersion"("budgetLineId", "version");

-- CreateIndex
CREATE INDEX "FundPayment_grantId_boardId_idx" ON "FundPayment"("grantId", "boardId");

-- CreateIndex
CREATE INDEX "FundPayment_boardId_idx" ON "FundPayment"("boardId");

-- CreateIndex
CREATE INDEX "FundResultReport_boardId_idx" ON "FundResultReport"("boardId");

-- CreateIndex
CREATE UNIQUE INDEX "FundResultReport_budgetLineId_boardId_key" ON "FundResultReport"("budgetLineId", "boardId");

-- CreateIndex
CREATE UNIQUE INDEX "FundGrantDocument_storageKey_key" ON "FundGrantDocument"("storageKey");

-- CreateIndex
CREATE INDEX "FundGrantDocument_grantId_idx" ON "FundGrantDocument"("grantId");

-- AddForeignKey
ALTER TABLE "FundReport" ADD CONSTRAINT "FundReport_approvedLineVersionId_fkey" FOREIGN KEY ("approvedLineVersionId") REFERENCES "FundLineVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundBudgetChange" ADD CONSTRAINT "FundBudgetChange_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundLineVersion" ADD CONSTRAINT "FundLineVersion_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundPayment" ADD CONSTRAINT "FundPayment_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundPayment" ADD CONSTRAINT "FundPayment_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundPayment" ADD CONSTRAINT "FundPayment_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundPayment" ADD CONSTRAINT "FundPayment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FundReport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundResultReport" ADD CONSTRAINT "FundResultReport_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundResultReport" ADD CONSTRAINT "FundResultReport_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundGrantDocument" ADD CONSTRAINT "FundGrantDocument_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "FundGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Budget lines of a grant year never exceed that year's allocation, after every row written (a budget change writes
-- decreases before increases). Plain triggers: Prisma's WASM engine crashes in drift on CHECK constraints and on
-- constraint (deferred) triggers alike. A grant being deleted (cascade) is not checked. Semicolons inside the
-- bodies are written as \x3b.
CREATE FUNCTION "fund_budget_within_allocation"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE g text\x3b y int\x3b budget bigint\x3b alloc bigint\x3b BEGIN IF TG_OP = ''DELETE'' THEN g := OLD."grantId"\x3b y := OLD."year"\x3b ELSE g := NEW."grantId"\x3b y := NEW."year"\x3b END IF\x3b IF NOT EXISTS (SELECT 1 FROM "FundGrant" WHERE "id" = g) THEN RETURN NULL\x3b END IF\x3b SELECT COALESCE(SUM("amountCents"), 0) INTO budget FROM "FundBudgetLine" WHERE "grantId" = g AND "year" = y\x3b SELECT COALESCE(SUM("amountCents"), 0) INTO alloc FROM "FundAllocation" WHERE "grantId" = g AND "year" = y\x3b IF budget > alloc THEN RAISE EXCEPTION ''fund: budget % exceeds the allocation % of %'', budget, alloc, y USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NULL\x3b END\x3b';
CREATE TRIGGER "FundBudgetLine_within_allocation" AFTER INSERT OR UPDATE ON "FundBudgetLine"
  FOR EACH ROW EXECUTE FUNCTION "fund_budget_within_allocation"();
CREATE TRIGGER "FundAllocation_within_allocation" AFTER UPDATE OR DELETE ON "FundAllocation"
  FOR EACH ROW EXECUTE FUNCTION "fund_budget_within_allocation"();

-- A payment is a positive amount of cents.
CREATE FUNCTION "fund_payment_amount_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."amountCents" <= 0 THEN RAISE EXCEPTION ''fund: a payment must be positive cents'' USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "FundPayment_amount_guard" BEFORE INSERT OR UPDATE ON "FundPayment"
  FOR EACH ROW EXECUTE FUNCTION "fund_payment_amount_guard"();

-- A closed grant is read-only: no budget line, report, result report or payment of it changes any more.
CREATE FUNCTION "fund_grant_closed_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE g text\x3b BEGIN IF TG_TABLE_NAME = ''FundBudgetLine'' OR TG_TABLE_NAME = ''FundPayment'' THEN g := NEW."grantId"\x3b ELSE SELECT l."grantId" INTO g FROM "FundBudgetLine" l WHERE l."id" = NEW."budgetLineId"\x3b END IF\x3b IF EXISTS (SELECT 1 FROM "FundGrant" WHERE "id" = g AND "closedAt" IS NOT NULL) THEN RAISE EXCEPTION ''fund: grant % is closed'', g USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "FundBudgetLine_closed_guard" BEFORE INSERT OR UPDATE ON "FundBudgetLine"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_closed_guard"();
CREATE TRIGGER "FundReport_closed_guard" BEFORE INSERT OR UPDATE ON "FundReport"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_closed_guard"();
CREATE TRIGGER "FundResultReport_closed_guard" BEFORE INSERT OR UPDATE ON "FundResultReport"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_closed_guard"();
CREATE TRIGGER "FundPayment_closed_guard" BEFORE INSERT OR UPDATE ON "FundPayment"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_closed_guard"();
