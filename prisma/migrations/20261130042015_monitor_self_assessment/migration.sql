-- CreateEnum
CREATE TYPE "MonitorAssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateTable
CREATE TABLE "MonitorFramework" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "activatedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitorFramework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorSection" (
    "id" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "MonitorSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorCriterion" (
    "id" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "nameNl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "levelsNl" TEXT[],
    "levelsEn" TEXT[],

    CONSTRAINT "MonitorCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorAssessment" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "status" "MonitorAssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "sharedWithRegion" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitorAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorScore" (
    "assessmentId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "evidence" TEXT,

    CONSTRAINT "MonitorScore_pkey" PRIMARY KEY ("assessmentId","criterionId")
);

-- CreateTable
CREATE TABLE "MonitorActionPoint" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "criterionId" TEXT,
    "action" TEXT NOT NULL,
    "ownerName" TEXT NOT NULL,
    "dueOn" DATE,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitorActionPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorRegionRound" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT,
    "organisationIds" TEXT[],
    "counts" JSONB NOT NULL,

    CONSTRAINT "MonitorRegionRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MonitorFramework_version_key" ON "MonitorFramework"("version");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorSection_frameworkId_code_key" ON "MonitorSection"("frameworkId", "code");

-- CreateIndex
CREATE INDEX "MonitorCriterion_sectionId_idx" ON "MonitorCriterion"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorCriterion_frameworkId_code_key" ON "MonitorCriterion"("frameworkId", "code");

-- CreateIndex
CREATE INDEX "MonitorAssessment_schoolYear_status_idx" ON "MonitorAssessment"("schoolYear", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorAssessment_organisationId_schoolYear_key" ON "MonitorAssessment"("organisationId", "schoolYear");

-- CreateIndex
CREATE INDEX "MonitorActionPoint_assessmentId_idx" ON "MonitorActionPoint"("assessmentId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorRegionRound_regionId_schoolYear_key" ON "MonitorRegionRound"("regionId", "schoolYear");

-- AddForeignKey
ALTER TABLE "MonitorSection" ADD CONSTRAINT "MonitorSection_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "MonitorFramework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorCriterion" ADD CONSTRAINT "MonitorCriterion_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "MonitorFramework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorCriterion" ADD CONSTRAINT "MonitorCriterion_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "MonitorSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorAssessment" ADD CONSTRAINT "MonitorAssessment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorAssessment" ADD CONSTRAINT "MonitorAssessment_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "MonitorFramework"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorScore" ADD CONSTRAINT "MonitorScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "MonitorAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorScore" ADD CONSTRAINT "MonitorScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "MonitorCriterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorActionPoint" ADD CONSTRAINT "MonitorActionPoint_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "MonitorAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorActionPoint" ADD CONSTRAINT "MonitorActionPoint_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "MonitorCriterion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorRegionRound" ADD CONSTRAINT "MonitorRegionRound_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Scores are on the framework's 4-point scale, with exactly one descriptor per level (nl and en).
ALTER TABLE "MonitorScore" ADD CONSTRAINT "MonitorScore_score_check" CHECK ("score" BETWEEN 1 AND 4);
ALTER TABLE "MonitorCriterion" ADD CONSTRAINT "MonitorCriterion_levels_check" CHECK (cardinality("levelsNl") = 4 AND cardinality("levelsEn") = 4);
