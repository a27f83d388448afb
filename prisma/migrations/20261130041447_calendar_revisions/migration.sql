-- CreateEnum
CREATE TYPE "CalendarRevisionStatus" AS ENUM ('PENDING', 'REJECTED');

-- CreateTable
CREATE TABLE "CalendarEventRevision" (
    "eventId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" "CalendarRevisionStatus" NOT NULL DEFAULT 'PENDING',
    "approvedRegionIds" TEXT[],
    "rejectReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarEventRevision_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "CalendarOrganiserInvitation" (
    "eventId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarOrganiserInvitation_pkey" PRIMARY KEY ("eventId","organisationId")
);

-- CreateIndex
CREATE INDEX "CalendarEventRevision_status_idx" ON "CalendarEventRevision"("status");

-- CreateIndex
CREATE INDEX "CalendarOrganiserInvitation_organisationId_idx" ON "CalendarOrganiserInvitation"("organisationId");

-- AddForeignKey
ALTER TABLE "CalendarEventRevision" ADD CONSTRAINT "CalendarEventRevision_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarOrganiserInvitation" ADD CONSTRAINT "CalendarOrganiserInvitation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarOrganiserInvitation" ADD CONSTRAINT "CalendarOrganiserInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

