-- Public bookings hold their place as PENDING until the pupil confirms through the e-mailed link (issue 11, item 3).
-- AlterEnum
ALTER TYPE "SlotBookingStatus" ADD VALUE 'PENDING';

-- AlterTable
ALTER TABLE "SlotSettings" ADD COLUMN     "maxPerSlotPerDomain" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "pendingHoldMinutes" INTEGER NOT NULL DEFAULT 30;

-- Pupils are minors: personal data is kept at most 365 days after the slot (issue 11, item 8).
UPDATE "SlotSettings" SET "purgeAfterDays" = 365 WHERE "purgeAfterDays" > 365;
