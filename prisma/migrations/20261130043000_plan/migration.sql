-- CreateEnum
CREATE TYPE "PlanIndicatorKind" AS ENUM ('TRANSITIONS', 'ACTIVITY', 'FUND', 'MANUAL');

-- CreateEnum
CREATE TYPE "PlanDirection" AS ENUM ('HIGHER', 'LOWER');

-- CreateEnum
CREATE TYPE "PlanGoalStatus" AS ENUM ('ACTIVE', 'STOPPED');

-- CreateEnum
CREATE TYPE "PlanAgreementStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED');

-- CreateEnum
CREATE TYPE "PlanEndorsementDecision" AS ENUM ('AGREE', 'OBJECT');

-- CreateEnum
CREATE TYPE "PlanDecision" AS ENUM ('CONTINUE', 'ADJUST', 'STOP', 'NEW_GOAL');

-- CreateTable
CREATE TABLE "PlanTheme" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PlanTheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "adoptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "diff" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanGoal" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "PlanGoalStatus" NOT NULL DEFAULT 'ACTIVE',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanGoalOrganisation" (
    "goalId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "PlanGoalOrganisation_pkey" PRIMARY KEY ("goalId","organisationId")
);

-- CreateTable
CREATE TABLE "PlanIndicator" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PlanIndicatorKind" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "direction" "PlanDirection" NOT NULL DEFAULT 'HIGHER',
    "baselineYear" INTEGER,
    "baselineValue" DOUBLE PRECISION,
    "sourceNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTarget" (
    "indicatorId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "PlanTarget_pkey" PRIMARY KEY ("indicatorId","year")
);

-- CreateTable
CREATE TABLE "PlanManualValue" (
    "indicatorId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "sourceNote" TEXT NOT NULL,

    CONSTRAINT "PlanManualValue_pkey" PRIMARY KEY ("indicatorId","year")
);

-- CreateTable
CREATE TABLE "PlanAgreement" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "party" "Sector" NOT NULL,
    "commitment" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "PlanAgreementStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanGoalEvent" (
    "goalId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,

    CONSTRAINT "PlanGoalEvent_pkey" PRIMARY KEY ("goalId","eventId")
);

-- CreateTable
CREATE TABLE "PlanGoalProgramme" (
    "goalId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,

    CONSTRAINT "PlanGoalProgramme_pkey" PRIMARY KEY ("goalId","programmeId")
);

-- CreateTable
CREATE TABLE "PlanGoalBudgetLine" (
    "goalId" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,

    CONSTRAINT "PlanGoalBudgetLine_pkey" PRIMARY KEY ("goalId","budgetLineId")
);

-- CreateTable
CREATE TABLE "PlanEndorsement" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "decision" "PlanEndorsementDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanEndorsement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanEvaluation" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "openedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanGoalEvaluation" (
    "evaluationId" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "evaluation" TEXT NOT NULL DEFAULT '',
    "decision" "PlanDecision",
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "appliedInVersion" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanGoalEvaluation_pkey" PRIMARY KEY ("evaluationId","goalId")
);

-- CreateTable
CREATE TABLE "PlanContribution" (
    "id" TEXT NOT NULL,
    "evaluationId" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanContribution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanTheme_key_key" ON "PlanTheme"("key");

-- CreateIndex
CREATE INDEX "Plan_regionId_idx" ON "Plan"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_number_key" ON "PlanVersion"("planId", "number");

-- CreateIndex
CREATE INDEX "PlanGoal_planId_idx" ON "PlanGoal"("planId");

-- CreateIndex
CREATE INDEX "PlanIndicator_goalId_idx" ON "PlanIndicator"("goalId");

-- CreateIndex
CREATE INDEX "PlanAgreement_planId_idx" ON "PlanAgreement"("planId");

-- CreateIndex
CREATE INDEX "PlanGoalEvent_eventId_idx" ON "PlanGoalEvent"("eventId");

-- CreateIndex
CREATE INDEX "PlanGoalProgramme_programmeId_idx" ON "PlanGoalProgramme"("programmeId");

-- CreateIndex
CREATE INDEX "PlanGoalBudgetLine_budgetLineId_idx" ON "PlanGoalBudgetLine"("budgetLineId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanEndorsement_versionId_boardId_key" ON "PlanEndorsement"("versionId", "boardId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanEvaluation_planId_year_key" ON "PlanEvaluation"("planId", "year");

-- CreateIndex
CREATE INDEX "PlanContribution_evaluationId_goalId_idx" ON "PlanContribution"("evaluationId", "goalId");

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoal" ADD CONSTRAINT "PlanGoal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoal" ADD CONSTRAINT "PlanGoal_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "PlanTheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalOrganisation" ADD CONSTRAINT "PlanGoalOrganisation_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalOrganisation" ADD CONSTRAINT "PlanGoalOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanIndicator" ADD CONSTRAINT "PlanIndicator_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTarget" ADD CONSTRAINT "PlanTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "PlanIndicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanManualValue" ADD CONSTRAINT "PlanManualValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "PlanIndicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAgreement" ADD CONSTRAINT "PlanAgreement_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalEvent" ADD CONSTRAINT "PlanGoalEvent_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalEvent" ADD CONSTRAINT "PlanGoalEvent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalProgramme" ADD CONSTRAINT "PlanGoalProgramme_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalProgramme" ADD CONSTRAINT "PlanGoalProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SlotProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalBudgetLine" ADD CONSTRAINT "PlanGoalBudgetLine_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalBudgetLine" ADD CONSTRAINT "PlanGoalBudgetLine_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEndorsement" ADD CONSTRAINT "PlanEndorsement_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlanVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEndorsement" ADD CONSTRAINT "PlanEndorsement_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEndorsement" ADD CONSTRAINT "PlanEndorsement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEvaluation" ADD CONSTRAINT "PlanEvaluation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEvaluation" ADD CONSTRAINT "PlanEvaluation_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalEvaluation" ADD CONSTRAINT "PlanGoalEvaluation_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "PlanEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoalEvaluation" ADD CONSTRAINT "PlanGoalEvaluation_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanContribution" ADD CONSTRAINT "PlanContribution_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "PlanEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanContribution" ADD CONSTRAINT "PlanContribution_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanContribution" ADD CONSTRAINT "PlanContribution_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanContribution" ADD CONSTRAINT "PlanContribution_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The themes of the policy letter (Kamerbrief LOB 2017), managed by platform admins as data afterwards.
INSERT INTO "PlanTheme" ("id", "key", "nameNl", "nameEn", "position") VALUES
  ('plantheme-beleid', 'beleid', 'LOB in het schoolplan', 'LOB in the school''s policy plan', 1),
  ('plantheme-leerlijn', 'leerlijn', 'Doorlopende leerlijn LOB (klas 1 tot examenjaar)', 'Continuous LOB curriculum (year 1 to exam year)', 2),
  ('plantheme-competenties', 'competenties', 'Loopbaancompetenties', 'Career competences', 3),
  ('plantheme-vervolgonderwijs', 'vervolgonderwijs', 'Betrokkenheid vervolgonderwijs (vo–mbo–ho)', 'Involvement of follow-up education (vo–mbo–ho)', 4),
  ('plantheme-professionalisering', 'professionalisering', 'Professionalisering van decanen, mentoren en docenten', 'Professional development of career counsellors, mentors and teachers', 5),
  ('plantheme-ouders', 'ouders', 'Ouders', 'Parents', 6),
  ('plantheme-studiekeuze', 'studiekeuze', 'Studiekeuze en overstap', 'Study choice and transition', 7);
