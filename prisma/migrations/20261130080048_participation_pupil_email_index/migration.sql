-- CreateIndex
CREATE INDEX "ParticipationPupil_schoolId_email_idx" ON "ParticipationPupil"("schoolId", "email");
