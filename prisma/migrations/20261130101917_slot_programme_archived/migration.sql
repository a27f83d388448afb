-- AlterTable
ALTER TABLE "SlotProgramme" ADD COLUMN     "archivedAt" TIMESTAMP(3);

