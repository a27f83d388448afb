-- Registration for calendar events (issue 14): sessions are bookable units of the shared booking engine, seats its bookings.
-- CreateEnum
CREATE TYPE "RegistrationAudienceKind" AS ENUM ('PUPIL', 'PARENT', 'PROFESSIONAL');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('OPEN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationProfessionalRole" AS ENUM ('DECAAN', 'MENTOR', 'TEACHER', 'OTHER');

-- CreateTable
CREATE TABLE "RegistrationEvent" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'OPEN',
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "pendingHoldMinutes" INTEGER NOT NULL DEFAULT 30,
    "offerHoldHours" INTEGER NOT NULL DEFAULT 24,
    "maxPerDomain" INTEGER NOT NULL DEFAULT 10,
    "purgeAfterDays" INTEGER NOT NULL DEFAULT 30,
    "createdById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationAudience" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "kind" "RegistrationAudienceKind" NOT NULL,
    "levels" "PupilLevel"[],
    "schoolYears" INTEGER[],
    "maxPartySize" INTEGER NOT NULL DEFAULT 1,
    "capacity" INTEGER,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationAudience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationSession" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "room" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "status" "SlotStatus" NOT NULL DEFAULT 'PUBLISHED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registrant" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "audience" "RegistrationAudienceKind" NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "schoolId" TEXT,
    "schoolOther" TEXT,
    "level" "PupilLevel",
    "year" INTEGER,
    "partySize" INTEGER NOT NULL DEFAULT 1,
    "role" "RegistrationProfessionalRole",
    "userId" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "tokenHash" TEXT,
    "checkinCode" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "purgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationSeat" (
    "id" TEXT NOT NULL,
    "registrantId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "places" INTEGER NOT NULL DEFAULT 1,
    "status" "SlotBookingStatus" NOT NULL,
    "waitlistedAt" TIMESTAMP(3),
    "offerExpiresAt" TIMESTAMP(3),
    "attendance" "SlotAttendance",
    "checkedInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationSeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationEvent_eventId_key" ON "RegistrationEvent"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationAudience_registrationId_kind_key" ON "RegistrationAudience"("registrationId", "kind");

-- CreateIndex
CREATE INDEX "RegistrationSession_registrationId_startsAt_idx" ON "RegistrationSession"("registrationId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Registrant_tokenHash_key" ON "Registrant"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Registrant_checkinCode_key" ON "Registrant"("checkinCode");

-- CreateIndex
CREATE INDEX "Registrant_registrationId_createdAt_idx" ON "Registrant"("registrationId", "createdAt");

-- CreateIndex
CREATE INDEX "Registrant_email_idx" ON "Registrant"("email");

-- CreateIndex
CREATE INDEX "RegistrationSeat_sessionId_status_waitlistedAt_idx" ON "RegistrationSeat"("sessionId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "RegistrationSeat_status_offerExpiresAt_idx" ON "RegistrationSeat"("status", "offerExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationSeat_registrantId_sessionId_key" ON "RegistrationSeat"("registrantId", "sessionId");

-- AddForeignKey
ALTER TABLE "RegistrationAudience" ADD CONSTRAINT "RegistrationAudience_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "RegistrationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationSession" ADD CONSTRAINT "RegistrationSession_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "RegistrationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registrant" ADD CONSTRAINT "Registrant_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "RegistrationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationSeat" ADD CONSTRAINT "RegistrationSeat_registrantId_fkey" FOREIGN KEY ("registrantId") REFERENCES "Registrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationSeat" ADD CONSTRAINT "RegistrationSeat_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "RegistrationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One capacity guard for every bookable unit (Slot, RegistrationSession, RegistrationAudience): the places taken
-- can never exceed the capacity (nor drop below zero), whatever code path writes the row. A null capacity (an
-- audience without its own limit) compares as unknown and passes. The slots' own guard becomes this shared one.
CREATE FUNCTION "bookable_capacity_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."confirmedCount" < 0 OR NEW."confirmedCount" > NEW."capacity" THEN RAISE EXCEPTION ''% % over capacity (% of %)'', TG_TABLE_NAME, NEW."id", NEW."confirmedCount", NEW."capacity" USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
DROP TRIGGER "Slot_capacity_guard" ON "Slot";
DROP FUNCTION "slot_capacity_guard"();
CREATE TRIGGER "Slot_capacity_guard" BEFORE INSERT OR UPDATE OF "confirmedCount", "capacity" ON "Slot"
  FOR EACH ROW EXECUTE FUNCTION "bookable_capacity_guard"();
CREATE TRIGGER "RegistrationSession_capacity_guard" BEFORE INSERT OR UPDATE OF "confirmedCount", "capacity" ON "RegistrationSession"
  FOR EACH ROW EXECUTE FUNCTION "bookable_capacity_guard"();
CREATE TRIGGER "RegistrationAudience_capacity_guard" BEFORE INSERT OR UPDATE OF "confirmedCount", "capacity" ON "RegistrationAudience"
  FOR EACH ROW EXECUTE FUNCTION "bookable_capacity_guard"();
