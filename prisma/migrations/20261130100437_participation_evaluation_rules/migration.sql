-- CreateTable
CREATE TABLE "ParticipationRegistration" (
    "registrantId" TEXT NOT NULL,
    "pupilId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipationRegistration_pkey" PRIMARY KEY ("registrantId")
);

-- CreateTable
CREATE TABLE "ParticipationListRule" (
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL DEFAULT '',
    "listedOnly" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationListRule_pkey" PRIMARY KEY ("organisationId","programmeId")
);

-- CreateTable
CREATE TABLE "ParticipationEvaluationRequest" (
    "bookingId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "tokenHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "ParticipationEvaluationRequest_pkey" PRIMARY KEY ("bookingId")
);

-- CreateTable
CREATE TABLE "ParticipationEvaluation" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "schoolId" TEXT,
    "useful" INTEGER NOT NULL,
    "helpedChoice" INTEGER NOT NULL,
    "recommend" INTEGER NOT NULL,
    "comment" TEXT,

    CONSTRAINT "ParticipationEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParticipationRegistration_pupilId_idx" ON "ParticipationRegistration"("pupilId");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationEvaluationRequest_tokenHash_key" ON "ParticipationEvaluationRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "ParticipationEvaluationRequest_slotId_idx" ON "ParticipationEvaluationRequest"("slotId");

-- CreateIndex
CREATE INDEX "ParticipationEvaluation_slotId_idx" ON "ParticipationEvaluation"("slotId");

-- CreateIndex
CREATE INDEX "ParticipationEvaluation_organisationId_programmeId_idx" ON "ParticipationEvaluation"("organisationId", "programmeId");

-- CreateIndex
CREATE INDEX "ParticipationEvaluation_schoolId_idx" ON "ParticipationEvaluation"("schoolId");

-- AddForeignKey
ALTER TABLE "ParticipationRegistration" ADD CONSTRAINT "ParticipationRegistration_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "ParticipationPupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- participation_booking_rules: the institution's rule for pupils not on a class list (ParticipationListRule: a
-- programme's row, else the organisation's row "", else anyone may book). A booking whose pupil is not on a list
-- (no record of that school with that address) is refused when the rule says listed only, on every path, since
-- it is the same BEFORE INSERT trigger. The other rules are unchanged.
CREATE OR REPLACE FUNCTION "participation_booking_rules"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE pid text\x3b v_email text\x3b lo boolean\x3b c record\x3b n int\x3b sec text\x3b res text\x3b hold int\x3b starts timestamp\x3b BEGIN v_email := lower(NEW."pupilEmail")\x3b IF NEW."schoolId" IS NOT NULL AND v_email IS NOT NULL THEN SELECT p."id" INTO pid FROM "ParticipationPupil" p WHERE p."schoolId" = NEW."schoolId" AND p."email" = v_email ORDER BY p."schoolYear" DESC LIMIT 1 FOR UPDATE\x3b END IF\x3b IF pid IS NULL AND v_email IS NOT NULL THEN PERFORM pg_advisory_xact_lock(hashtext(''participation:'' || v_email))\x3b END IF\x3b IF pid IS NULL THEN SELECT r."listedOnly" INTO lo FROM "ParticipationListRule" r WHERE r."organisationId" = NEW."organisationId" AND r."programmeId" IN (NEW."programmeId", '''') ORDER BY r."programmeId" DESC LIMIT 1\x3b IF lo THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.institutionListedOnly'' USING ERRCODE = ''P0001''\x3b END IF\x3b END IF\x3b FOR c IN SELECT k.* FROM "ParticipationCampaignSlot" cs JOIN "ParticipationCampaign" k ON k."id" = cs."campaignId" WHERE cs."slotId" = NEW."slotId" ORDER BY k."id" LOOP IF (now() AT TIME ZONE ''UTC'') < c."opensAt" OR (now() AT TIME ZONE ''UTC'') >= c."closesAt" THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.campaignClosed'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF EXISTS (SELECT 1 FROM "ParticipationCampaignSchool" s WHERE s."campaignId" = c."id") AND NOT EXISTS (SELECT 1 FROM "ParticipationCampaignSchool" s WHERE s."campaignId" = c."id" AND s."schoolId" = NEW."schoolId") THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.schoolNotInCampaign'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF cardinality(c."levels") > 0 AND NOT (NEW."level" = ANY (c."levels")) THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.levelNotInCampaign'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF c."listedOnly" AND pid IS NULL THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.notListed'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF pid IS NULL AND v_email IS NULL THEN CONTINUE\x3b END IF\x3b SELECT count(*) INTO n FROM "SlotBooking" x JOIN "ParticipationCampaignSlot" cs2 ON cs2."slotId" = x."slotId" AND cs2."campaignId" = c."id" WHERE x."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'') AND (CASE WHEN pid IS NOT NULL THEN EXISTS (SELECT 1 FROM "ParticipationBooking" pb WHERE pb."bookingId" = x."id" AND pb."pupilId" = pid) ELSE x."pupilEmail" = v_email END)\x3b IF n + 1 > c."maxPerPupil" THEN RAISE EXCEPTION ''%'', format(''overstap:CONFLICT:participation.errors.campaignLimit:{"max":%s}'', c."maxPerPupil") USING ERRCODE = ''P0001''\x3b END IF\x3b IF c."maxPerSector" IS NOT NULL THEN SELECT pr."sector"::text INTO sec FROM "SlotProgramme" pr WHERE pr."id" = NEW."programmeId"\x3b SELECT count(*) INTO n FROM "SlotBooking" x JOIN "ParticipationCampaignSlot" cs2 ON cs2."slotId" = x."slotId" AND cs2."campaignId" = c."id" JOIN "SlotProgramme" pr ON pr."id" = x."programmeId" WHERE x."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'') AND pr."sector"::text = sec AND (CASE WHEN pid IS NOT NULL THEN EXISTS (SELECT 1 FROM "ParticipationBooking" pb WHERE pb."bookingId" = x."id" AND pb."pupilId" = pid) ELSE x."pupilEmail" = v_email END)\x3b IF n + 1 > c."maxPerSector" THEN RAISE EXCEPTION ''%'', format(''overstap:CONFLICT:participation.errors.campaignSectorLimit:{"max":%s}'', c."maxPerSector") USING ERRCODE = ''P0001''\x3b END IF\x3b END IF\x3b END LOOP\x3b IF NEW."schoolId" IS NOT NULL AND NEW."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'') THEN UPDATE "ParticipationReservation" SET "remaining" = "remaining" - 1, "updatedAt" = (now() AT TIME ZONE ''UTC'') WHERE "slotId" = NEW."slotId" AND "schoolId" = NEW."schoolId" AND "releasedAt" IS NULL AND "remaining" > 0 RETURNING "id" INTO res\x3b IF res IS NOT NULL THEN IF NEW."status" = ''WAITLISTED'' THEN SELECT COALESCE(st."pendingHoldMinutes", 30), s."startsAt" INTO hold, starts FROM "Slot" s LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId" WHERE s."id" = NEW."slotId"\x3b NEW."waitlistedAt" := NULL\x3b IF NEW."bookedById" IS NOT NULL OR hold = 0 THEN NEW."status" := ''CONFIRMED''\x3b NEW."offerExpiresAt" := NULL\x3b ELSE NEW."status" := ''PENDING''\x3b NEW."offerExpiresAt" := LEAST((now() AT TIME ZONE ''UTC'') + make_interval(mins => hold), starts)\x3b END IF\x3b ELSE UPDATE "Slot" SET "confirmedCount" = "confirmedCount" - 1 WHERE "id" = NEW."slotId"\x3b END IF\x3b END IF\x3b END IF\x3b IF pid IS NOT NULL THEN INSERT INTO "ParticipationBooking" ("bookingId", "pupilId", "slotId") VALUES (NEW."id", pid, NEW."slotId")\x3b END IF\x3b RETURN NEW\x3b END\x3b';

-- A pupil's registration for a calendar event is tied to the pupil record (same school, same address, newest
-- school year), as a slot booking is: the reach report counts open days and events after the registration purge.
CREATE FUNCTION "participation_registrant_tie"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE pid text\x3b ev text\x3b BEGIN IF NEW."audience" = ''PUPIL'' AND NEW."schoolId" IS NOT NULL AND NEW."email" IS NOT NULL THEN SELECT p."id" INTO pid FROM "ParticipationPupil" p WHERE p."schoolId" = NEW."schoolId" AND p."email" = lower(NEW."email") ORDER BY p."schoolYear" DESC LIMIT 1\x3b IF pid IS NOT NULL THEN SELECT r."eventId" INTO ev FROM "RegistrationEvent" r WHERE r."id" = NEW."registrationId"\x3b INSERT INTO "ParticipationRegistration" ("registrantId", "pupilId", "eventId") VALUES (NEW."id", pid, ev) ON CONFLICT DO NOTHING\x3b END IF\x3b END IF\x3b RETURN NULL\x3b END\x3b';
CREATE TRIGGER "Registrant_participation_tie" AFTER INSERT ON "Registrant"
  FOR EACH ROW EXECUTE FUNCTION "participation_registrant_tie"();

-- Registrations made before this migration whose personal fields are still there.
INSERT INTO "ParticipationRegistration" ("registrantId", "pupilId", "eventId")
SELECT DISTINCT ON (r."id") r."id", p."id", e."eventId"
FROM "Registrant" r JOIN "RegistrationEvent" e ON e."id" = r."registrationId"
JOIN "ParticipationPupil" p ON p."schoolId" = r."schoolId" AND p."email" = lower(r."email")
WHERE r."audience" = 'PUPIL'
ORDER BY r."id", p."schoolYear" DESC;
