-- CreateEnum
CREATE TYPE "RegionJoinRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- AlterTable
ALTER TABLE "Invitation" ALTER COLUMN "email" DROP NOT NULL;

-- CreateTable
CREATE TABLE "RegionJoinRequest" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "status" "RegionJoinRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegionJoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegionJoinRequest_organisationId_status_idx" ON "RegionJoinRequest"("organisationId", "status");

-- CreateIndex
CREATE INDEX "RegionJoinRequest_regionId_status_idx" ON "RegionJoinRequest"("regionId", "status");

-- AddForeignKey
ALTER TABLE "RegionJoinRequest" ADD CONSTRAINT "RegionJoinRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionJoinRequest" ADD CONSTRAINT "RegionJoinRequest_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionJoinRequest" ADD CONSTRAINT "RegionJoinRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionJoinRequest" ADD CONSTRAINT "RegionJoinRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Invitation addresses are personal data: erase them from accepted invitations, and from the audit entries
-- written before invitations were audited by reference (the only sanctioned rewrite of the append-only log).
UPDATE "Invitation" SET "email" = NULL WHERE "acceptedAt" IS NOT NULL;
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";
UPDATE "AuditLog" SET "after" = "after" - 'email' WHERE "entityType" = 'Invitation' AND "after" ? 'email';
UPDATE "AuditLog" SET "before" = "before" - 'email' WHERE "entityType" = 'Invitation' AND "before" ? 'email';
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";
