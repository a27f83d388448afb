-- AlterTable
ALTER TABLE "SlotBooking" ADD COLUMN     "locale" TEXT;

-- CreateTable
CREATE TABLE "SlotBookingLink" (
    "tokenHash" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlotBookingLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "SlotBookingLink_bookingId_idx" ON "SlotBookingLink"("bookingId");

-- AddForeignKey
ALTER TABLE "SlotBookingLink" ADD CONSTRAINT "SlotBookingLink_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "SlotBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
