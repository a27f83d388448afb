-- CreateEnum
CREATE TYPE "ProgrammeLevel" AS ENUM ('MBO_1', 'MBO_2', 'MBO_3', 'MBO_4', 'AD', 'BACHELOR', 'MASTER');

-- CreateEnum
CREATE TYPE "PupilLevel" AS ENUM ('VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER');

-- CreateEnum
CREATE TYPE "SlotStatus" AS ENUM ('PUBLISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SlotBookingStatus" AS ENUM ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED', 'DECLINED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "SlotAttendance" AS ENUM ('PRESENT', 'ABSENT');

-- CreateEnum
CREATE TYPE "SlotLimitScope" AS ENUM ('PROGRAMME', 'INSTITUTION');

-- CreateTable
CREATE TABLE "SlotProgramme" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" "Sector" NOT NULL,
    "level" "ProgrammeLevel" NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlotProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slot" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "location" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "bookingOpensAt" TIMESTAMP(3) NOT NULL,
    "bookingClosesAt" TIMESTAMP(3) NOT NULL,
    "audienceLevels" "PupilLevel"[],
    "questions" JSONB NOT NULL DEFAULT '[]',
    "status" "SlotStatus" NOT NULL DEFAULT 'PUBLISHED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotBooking" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "pupilName" TEXT,
    "pupilEmail" TEXT,
    "schoolId" TEXT,
    "schoolOther" TEXT,
    "level" "PupilLevel" NOT NULL,
    "year" INTEGER NOT NULL,
    "answers" JSONB,
    "status" "SlotBookingStatus" NOT NULL,
    "waitlistedAt" TIMESTAMP(3),
    "offerExpiresAt" TIMESTAMP(3),
    "tokenHash" TEXT,
    "attendance" "SlotAttendance",
    "bookedById" TEXT,
    "purgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlotBooking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotSettings" (
    "organisationId" TEXT NOT NULL,
    "maxActiveBookings" INTEGER NOT NULL DEFAULT 1,
    "limitScope" "SlotLimitScope" NOT NULL DEFAULT 'PROGRAMME',
    "limitPeriodDays" INTEGER NOT NULL DEFAULT 365,
    "purgeAfterDays" INTEGER NOT NULL DEFAULT 30,
    "offerHoldHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlotSettings_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "slots_rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "slots_rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SlotProgramme_organisationId_idx" ON "SlotProgramme"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "SlotProgramme_organisationId_code_level_key" ON "SlotProgramme"("organisationId", "code", "level");

-- CreateIndex
CREATE INDEX "Slot_organisationId_startsAt_idx" ON "Slot"("organisationId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_programmeId_startsAt_idx" ON "Slot"("programmeId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_startsAt_idx" ON "Slot"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlotBooking_tokenHash_key" ON "SlotBooking"("tokenHash");

-- CreateIndex
CREATE INDEX "SlotBooking_slotId_status_waitlistedAt_idx" ON "SlotBooking"("slotId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "SlotBooking_pupilEmail_idx" ON "SlotBooking"("pupilEmail");

-- CreateIndex
CREATE INDEX "SlotBooking_schoolId_idx" ON "SlotBooking"("schoolId");

-- CreateIndex
CREATE INDEX "SlotBooking_status_offerExpiresAt_idx" ON "SlotBooking"("status", "offerExpiresAt");

-- AddForeignKey
ALTER TABLE "SlotProgramme" ADD CONSTRAINT "SlotProgramme_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SlotProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotBooking" ADD CONSTRAINT "SlotBooking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotBooking" ADD CONSTRAINT "SlotBooking_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotBooking" ADD CONSTRAINT "SlotBooking_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotSettings" ADD CONSTRAINT "SlotSettings_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Capacity can never be exceeded, whatever the code path (hand-written, Prisma does not model CHECK constraints)
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_capacity_check" CHECK ("capacity" >= 0 AND "confirmedCount" >= 0 AND "confirmedCount" <= "capacity");
