-- CreateIndex
CREATE INDEX "Invitation_createdAt_id_idx" ON "Invitation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Organisation_name_id_idx" ON "Organisation"("name", "id");

-- CreateIndex
CREATE INDEX "RoleMembership_createdAt_id_idx" ON "RoleMembership"("createdAt", "id");

-- CreateIndex
CREATE INDEX "SlotBooking_slotId_createdAt_id_idx" ON "SlotBooking"("slotId", "createdAt", "id");

