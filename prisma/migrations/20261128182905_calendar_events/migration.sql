-- CreateEnum
CREATE TYPE "CalendarEventType" AS ENUM ('OPEN_DAG', 'MEELOOPDAG', 'PROEFSTUDEREN', 'VOORLICHTING', 'OUDERAVOND', 'STUDIEBEURS', 'LOB_WORKSHOP', 'NETWERKWEEK', 'OTHER');

-- CreateEnum
CREATE TYPE "CalendarEventStatus" AS ENUM ('DRAFT', 'PROPOSED', 'PUBLISHED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CalendarRegionDecision" AS ENUM ('PENDING', 'PUBLISHED', 'REJECTED');

-- CreateTable
CREATE TABLE "CalendarEvent" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" "CalendarEventType" NOT NULL,
    "status" "CalendarEventStatus" NOT NULL DEFAULT 'DRAFT',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "allDay" BOOLEAN NOT NULL DEFAULT false,
    "locationAddress" TEXT,
    "onlineUrl" TEXT,
    "capacity" INTEGER,
    "registrationUrl" TEXT,
    "attachments" TEXT[],
    "audienceLevels" TEXT[],
    "schoolYears" INTEGER[],
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "seriesId" TEXT,
    "createdById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarEventOrganiser" (
    "eventId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "CalendarEventOrganiser_pkey" PRIMARY KEY ("eventId","organisationId")
);

-- CreateTable
CREATE TABLE "CalendarEventRegion" (
    "eventId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "decision" "CalendarRegionDecision" NOT NULL DEFAULT 'PENDING',
    "rejectReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarEventRegion_pkey" PRIMARY KEY ("eventId","regionId")
);

-- CreateTable
CREATE TABLE "CalendarFeedToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeedToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarEvent_startsAt_idx" ON "CalendarEvent"("startsAt");

-- CreateIndex
CREATE INDEX "CalendarEvent_seriesId_idx" ON "CalendarEvent"("seriesId");

-- CreateIndex
CREATE INDEX "CalendarEvent_createdById_idx" ON "CalendarEvent"("createdById");

-- CreateIndex
CREATE INDEX "CalendarEventOrganiser_organisationId_eventId_idx" ON "CalendarEventOrganiser"("organisationId", "eventId");

-- CreateIndex
CREATE INDEX "CalendarEventRegion_regionId_decision_eventId_idx" ON "CalendarEventRegion"("regionId", "decision", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeedToken_tokenHash_key" ON "CalendarFeedToken"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeedToken_userId_idx" ON "CalendarFeedToken"("userId");

-- AddForeignKey
ALTER TABLE "CalendarEvent" ADD CONSTRAINT "CalendarEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEventOrganiser" ADD CONSTRAINT "CalendarEventOrganiser_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEventOrganiser" ADD CONSTRAINT "CalendarEventOrganiser_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEventRegion" ADD CONSTRAINT "CalendarEventRegion_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEventRegion" ADD CONSTRAINT "CalendarEventRegion_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarEventRegion" ADD CONSTRAINT "CalendarEventRegion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeedToken" ADD CONSTRAINT "CalendarFeedToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an event never ends before it starts.
ALTER TABLE "CalendarEvent" ADD CONSTRAINT "CalendarEvent_endsAt_after_startsAt" CHECK ("endsAt" > "startsAt");
